// Bicep and other languages' habits found once the template parses: allowed
// values in Bicep's brackets, functions by other languages' names.
apim_dsl::template! {
    pub const T;
    #[allowed(["Developer", "Premium"])]
    param sku: string = "Developer";
    param name: string;
    var first = substr(name, 0, 1);
    var size = len(name);
    output o: array = [sku, first, size];
}

fn main() {}
