apim_dsl::template! {
    pub const T;
    output o1: int = 1; output o2: int = 2; output o3: int = 3; output o4: int = 4;
    output o5: int = 5; output o6: int = 6; output o7: int = 7; output o8: int = 8;
    output o9: int = 9; output o10: int = 10; output o11: int = 11; output o12: int = 12;
    output o13: int = 13; output o14: int = 14; output o15: int = 15; output o16: int = 16;
    output o17: int = 17; output o18: int = 18; output o19: int = 19; output o20: int = 20;
    output o21: int = 21; output o22: int = 22; output o23: int = 23; output o24: int = 24;
    output o25: int = 25; output o26: int = 26; output o27: int = 27; output o28: int = 28;
    output o29: int = 29; output o30: int = 30; output o31: int = 31; output o32: int = 32;
    output o33: int = 33; output o34: int = 34; output o35: int = 35; output o36: int = 36;
    output o37: int = 37; output o38: int = 38; output o39: int = 39; output o40: int = 40;
    output o41: int = 41; output o42: int = 42; output o43: int = 43; output o44: int = 44;
    output o45: int = 45; output o46: int = 46; output o47: int = 47; output o48: int = 48;
    output o49: int = 49; output o50: int = 50; output o51: int = 51; output o52: int = 52;
    output o53: int = 53; output o54: int = 54; output o55: int = 55; output o56: int = 56;
    output o57: int = 57; output o58: int = 58; output o59: int = 59; output o60: int = 60;
    output o61: int = 61; output o62: int = 62; output o63: int = 63; output o64: int = 64;
    output o65: int = 65;
}

fn main() {}
