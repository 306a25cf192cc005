// ARM reads parameter, variable and output names ignoring case (Bicep BCP353).
apim_dsl::template! {
    pub const T;
    param location: string;
    param Location: string;
    var name = "a";
    var NAME = "b";
    output url: string = concat(location, Location, name, NAME);
    output URL: string = "c";
}

fn main() {}
