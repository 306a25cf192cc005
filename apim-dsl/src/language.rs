//! The language of [`template!`](crate::template): a reference.
//!
//! A `template!` holds one ARM template. It starts with the name of the constant
//! to define and goes on with declarations in any order: parameters, variables,
//! user-defined functions, resources, role grants, modules and outputs. Names are kept exactly as
//! written, because they become the template's names.
//!
//! ```
//! apim_dsl::template! {
//!     /// Becomes `metadata.description` (and the constant's documentation).
//!     #[schema("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")]
//!     #[contentVersion("1.0.0.0")]
//!     #[metadata({ owner: "platform-team" })]
//!     pub const MINIMAL;
//!
//!     param location: string = resourceGroup().location;
//!     output region: string = location;
//! }
//! # fn main() { assert!(MINIMAL.arm_json().contains("platform-team")); }
//! ```
//!
//! `$schema` defaults to the 2019-04-01 resource-group schema and `contentVersion`
//! to `1.0.0.0` (four numbers separated by dots, the deployment template
//! schema's pattern; anything else is an error). The constant is `pub`, `pub(crate)` or private as written.
//!
//! `#[emptySections("parameters", "variables")]` writes those sections of the
//! ARM JSON even when the template declares nothing in them (`"parameters":
//! {}`), as hand-written templates often keep them; any of `"functions"`
//! (`[]`), `"parameters"`, `"variables"` and `"outputs"`. A section with
//! declarations is written anyway, and Bicep, which has no such sections, is
//! the same without it. `apim-dsl import` writes it for a template with empty
//! sections.
//!
//! `#[targetScope("subscription")]` (or `"managementGroup"`, `"tenant"`;
//! `"resourceGroup"` is the default) deploys the template above a resource
//! group, as Bicep's `targetScope`: it sets the `$schema` of that scope, Bicep
//! gets `targetScope = 'subscription'`, ids of the template's resources become
//! `subscriptionResourceId(...)` (and the like), every resource type is checked
//! to be deployable there (`Microsoft.Resources/resourceGroups` at a
//! subscription, not a Key Vault), and `resourceGroup()` (above a subscription,
//! `subscription()` too) is an error, since ARM has no such object there.
//!
//! ```
//! apim_dsl::template! {
//!     #[targetScope("subscription")]
//!     pub const GROUP;
//!     resource group "Microsoft.Resources/resourceGroups@2024-03-01" {
//!         name: "rg-apim",
//!         location: deployment().location,
//!     }
//! }
//! # fn main() { assert!(GROUP.bicep().starts_with("targetScope = 'subscription'")); }
//! ```
//!
//! # Parameters
//!
//! `param name: type (= default)?;` with `type` one of `string`, `int`, `bool`,
//! `object`, `array`, `secureString`, `secureObject`. The doc comment is the
//! description (`metadata.description`), or `#[description("...")]` for a
//! text with line breaks or edge spaces; a description ARM would read as an
//! expression (`/// [Preview]`) is written escaped, `"[[Preview]"`, as Bicep
//! writes every description. A doc comment reads as rustdoc renders it: the
//! lines of a paragraph are joined with a space, paragraphs (a blank `///`
//! line between them) with a line break, and a `/** ... */` block loses the
//! ` * ` its lines start with. Attributes are the Bicep decorators:
//!
//! | attribute | ARM | applies to |
//! |---|---|---|
//! | `#[allowed("a", "b")]` | `allowedValues` | literals of the parameter's type |
//! | `#[minLength(n)]`, `#[maxLength(n)]` | `minLength`, `maxLength` | strings, arrays |
//! | `#[minValue(n)]`, `#[maxValue(n)]` | `minValue`, `maxValue` | ints |
//! | `#[secure]` | `secureString` / `secureObject` | strings, objects |
//! | `#[metadata({ ... })]` | more `metadata` entries (a `description` among them beside a doc comment is an error) | any |
//! | `#[allow(unused)]` | (a parameter no expression uses) | any |
//!
//! A default must have the parameter's type, be one of the allowed values and
//! lie within the bounds; a secure parameter has no literal default. On an
//! `array` parameter `#[allowed(...)]` lists the values each *element* may take
//! (as ARM and Bicep read it): `#[allowed("1", "2", "3")] param zones: array =
//! ["1", "3"];` is valid, and every element of the default must be allowed.
//!
//! A parameter constrains what it feeds: used as the value of a property of a
//! known resource type (`sku: { name: sku }`, `sku: { capacity: units }`) or as a
//! top-level resource's whole `name`, each of its allowed values and its literal
//! default must be valid there (enum values, lengths, patterns, ranges). An
//! allowed `"Premuim"` is an error at that value, as ARM would reject the
//! deployment that picks it.
//!
//! ## Typed parameters
//!
//! Next to the constant, each `template!` defines a parameters type, with the
//! constant's visibility: for `pub const APIM_WITH_IDENTITY;` the struct
//! `ApimWithIdentityParameters` (the constant's name in `PascalCase`, then
//! `Parameters`), with one public field per parameter:
//!
//! | parameter | field (`snake_case` of the name: `serviceName` → `service_name`, `type` → `r#type`) |
//! |---|---|
//! | `string`, `int`, `bool` | `String`, `i64`, `bool` |
//! | `object`, `array` | `serde_json::Value`, `Vec<serde_json::Value>` |
//! | `secureString`, `secureObject` (or `#[secure]`) | [`Secret`](crate::Secret) |
//! | `#[allowed("a", "b")]` on a `string`, `#[allowed(1, 2)]` on an `int` | an enum, `<Template><Parameter>` (`ApimWithIdentitySku`) |
//! | the same on an `array` | `Vec` of that enum |
//! | with a default | `Option<...>`: `None` keeps the template's default |
//!
//! A struct literal must name every field, so a missing required parameter or a
//! value of the wrong type is a compile error. Variants are named after their
//! values: the value's words (split at anything but ASCII letters and digits)
//! each capitalized, `"Standard_v2"` → `StandardV2`, `"SystemAssigned,
//! UserAssigned"` → `SystemAssignedUserAssigned`; `V` before a leading digit
//! (`"1"` → `V1`, `-1` → `VMinus1`), `Empty` for `""`, `SelfValue` for
//! `"self"`; a name already taken by an earlier value gets its position
//! appended (`"premium"` after `"Premium"` → `Premium2`). Allowed lists with
//! other values (booleans, mixed types) keep the plain type and are checked
//! when set. Two parameters that would make one field or one enum
//! (`skuName`, `sku_name`) are a compile error; rename one. The generated names
//! sit in the module of the `template!`: an item of the same name there is a
//! Rust error ("defined multiple times").
//!
//! `to_parameter_file()` gives the [`ParameterFile`](crate::ParameterFile),
//! checking each value when it is set, with an error naming the parameter:
//! lengths, bounds, allowed values, and Key Vault references (a
//! [`KeyVaultSecret`](crate::KeyVaultSecret): a vault resource id
//! `/subscriptions/{GUID}/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults/{vault}`,
//! a non-empty secret name, an optional version). It writes
//! `<stem>.parameters.json` and `<stem>.bicepparam` (`using './<stem>.bicep'`,
//! secrets as `az.getSecret(...)`). A [`Secret`](crate::Secret) never shows its
//! value in `Debug` or `Display`; a plain one is refused by the files (it would
//! be written in clear text). A Key Vault reference holds a string, so a
//! `secureObject` parameter cannot be in a parameter file: give it a default of
//! `{}` and pass the value when deploying (`az deployment group create ...
//! --parameters name=@value.json`).
//!
//! ```
//! apim_dsl::template! {
//!     pub const APIM;
//!     param serviceName: string;
//!     #[allowed("Developer", "Premium")]
//!     param sku: string = "Developer";
//!     #[secure]
//!     param certificatePassword: string;
//!     output ok: bool = !empty(certificatePassword) && sku != serviceName;
//! }
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let vault = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-platform/providers/Microsoft.KeyVault/vaults/kv-contoso";
//! let values = ApimParameters {
//!     service_name: "contoso-apim".into(),
//!     sku: Some(ApimSku::Premium),
//!     certificate_password: apim_dsl::KeyVaultSecret::new(vault, "cert-password")?.into(),
//! };
//! let files = values.to_parameter_file()?.to_files()?;
//! assert_eq!(files[1].path, "apim.bicepparam");
//! assert!(files[1].contents.contains("param sku = 'Premium'"));
//! # Ok(())
//! # }
//! ```
//!
//! # Variables and expressions
//!
//! `var name = expr;` (`#[name("...")]` before it gives the variable another
//! name in ARM, see below). Expressions are written
//! as in Bicep, in Rust's tokens:
//!
//! | DSL | ARM |
//! |---|---|
//! | `"text"`, `42`, `-1`, `true`, `null` | literals (`"[x]"` is escaped as `"[[x]"`) |
//! | `[a, b]`, `{ key: v, "odd-key": v, [computed]: v }` | arrays, objects |
//! | a parameter or variable by name | `parameters('n')`, `variables('n')` |
//! | `concat(a, b)`, `uniqueString(...)`, `resourceGroup().location` | ARM functions, any case, emitted in canonical case |
//! | `x.member`, `x["key"]`, `x[0]` | member access, indexing |
//! | `a == b`, `!=`, `<`, `<=`, `>`, `>=` | `equals`, `not(equals)`, `less`, ... |
//! | `a && b`, `a \|\| b`, `!a` | `and`, `or`, `not` |
//! | `a + b`, `-`, `*`, `/`, `%` (ints) | `add`, `sub`, `mul`, `div`, `mod` |
//! | `c ? a : b` (or `if(c, a, b)`, checked the same), `a ?? b` | `if(c, a, b)`, `coalesce(a, b)` |
//! | `map(xs, x => x.name)`, `sort(xs, (a, b) => a < b)` | lambdas |
//! | `[for x in xs: body]`, `[for (x, i) in range(0, 3): body]` | `copy` (variables, outputs, properties) |
//!
//! Strings are literal text. Bicep's interpolation kept by habit, `"${name}"`
//! where `name` is a parameter, variable, symbol or loop variable of the
//! template, would deploy the characters `${name}`: it is an error that shows the
//! DSL's way, `concat("prefix-", name)` (or `format(...)`). Other text with `${`
//! (a script, a policy) is left as written.
//!
//! Every ARM function is known with its arity and argument types; `utcNow` and
//! `newGuid` only in parameter defaults; `reference` and `list*` (and what reads
//! deployed state, such as `apim.properties.x`) not in variables, names,
//! conditions or loop sources. A parameter default reads only parameters and
//! functions; variables and defaults may not depend on themselves. An expression
//! nests at most 100 levels deep.
//!
//! A `[for ...]` loop is the value of a variable, an output or an object
//! property. In a resource's `properties` and in variables it becomes ARM `copy`;
//! elsewhere `map(...)`. `copyIndex()` is accepted, for porting, only inside a
//! resource or module loop; name the index instead: `for (item, index) in ...`.
//!
//! ```
//! apim_dsl::template! {
//!     pub const EXPRESSIONS;
//!     param names: array;
//!     param prefix: string = "api";
//!     var serviceName = concat(prefix, "-", uniqueString(resourceGroup().id));
//!     var upper = [for n in names: toUpper(n)];
//!     var sizes = map(names, n => length(n));
//!     output summary: object = {
//!         name: serviceName,
//!         many: length(names) > 3 ? "many" : "few",
//!         upper: upper,
//!         sizes: sizes,
//!     };
//! }
//! # fn main() {
//! let arm: serde_json::Value = serde_json::from_str(EXPRESSIONS.arm_json()).unwrap();
//! assert_eq!(arm["outputs"]["summary"]["value"]["many"], "[if(greater(length(parameters('names')), 3), 'many', 'few')]");
//! # }
//! ```
//!
//! ## A variable's ARM name: `#[name("...")]`
//!
//! A variable is named in ARM by its symbol unless `#[name("...")]` gives
//! another name: ARM's `variables` key, and what every read of it becomes,
//! `variables('<name>')` (as does `variables("<name>")` written in the DSL;
//! the DSL reads it by its symbol). ARM keeps parameters and variables apart,
//! while the DSL's symbols, like Bicep's, are one namespace, so this is how a
//! variable shares a parameter's name, or has a name no identifier spells
//! (`"subnet-id"`); `apim-dsl import` writes it for such templates. The Bicep
//! names the variable by its symbol: a Bicep variable is internal to the file
//! (Bicep's own decompiler renames such variables, `location_var`).
//!
//! The name is one string literal. ARM reads variable names ignoring case, so
//! two variables whose ARM names are equal, or differ only in case, are an
//! error, and so are `"copy"` (ARM's key of the variable loops, "Variable
//! iteration in ARM templates") and `""`. A name equal to the symbol changes
//! nothing and is an error (remove it), so that a name meant to differ does
//! not pass unnoticed. `#[name]` is a variable's only: a parameter's or an
//! output's name is the template's interface (what a deployment passes in and
//! reads back), which Bicep would keep too, so it cannot differ from the
//! symbol.
//!
//! ```
//! apim_dsl::template! {
//!     pub const VARIABLE_NAMES;
//!     param location: string = resourceGroup().location;
//!     #[name("location")]
//!     var location_var = toLower(location);
//!     #[name("subnet-id")]
//!     var subnet_id = concat(location_var, "/subnets/default");
//!     output subnet: string = subnet_id;
//! }
//! # fn main() {
//! let arm: serde_json::Value = serde_json::from_str(VARIABLE_NAMES.arm_json()).unwrap();
//! assert_eq!(arm["variables"]["location"], "[toLower(parameters('location'))]");
//! assert_eq!(arm["variables"]["subnet-id"], "[concat(variables('location'), '/subnets/default')]");
//! assert_eq!(arm["outputs"]["subnet"]["value"], "[variables('subnet-id')]");
//! assert!(VARIABLE_NAMES.bicep().contains("var location_var = toLower(location)"));
//! # }
//! ```
//!
//! ## Files read at compile time
//!
//! Bicep's file functions read a file when the template compiles:
//!
//! | call | value |
//! |---|---|
//! | `loadTextContent("path")`, `loadTextContent("path", "encoding")` | the file's text (a string) |
//! | `loadFileAsBase64("path")` | its bytes in base64 (a string) |
//! | `loadJsonContent("path")`, `loadJsonContent("path", "$.json.path")`, `loadJsonContent("path", "$.json.path", "encoding")` | its JSON (or the part a JSONPath of `.member`, `['member']` and `[index]` steps selects), as literals |
//!
//! Encodings are Bicep's: `"utf-8"` (the default; a byte-order mark is
//! dropped), `"utf-16"` (little-endian), `"utf-16BE"`, `"iso-8859-1"`,
//! `"us-ascii"`. Bicep's size limits apply: 131,072 characters of text, 96 KB
//! for base64, 1,048,576 characters of JSON; JSON numbers must be integers (ARM
//! has no others).
//!
//! Paths are string literals, relative to the directory of the declaring
//! crate's `Cargo.toml` (`CARGO_MANIFEST_DIR`, which Cargo sets when the crate
//! compiles), not to the `.rs` file: a template moved to another module reads
//! the same files, and a template used from a `build.rs` (via an `infra` crate)
//! reads them relative to that crate. The expansion `include_bytes!`s every file
//! read, so editing one rebuilds the crate; a file that is missing, not text in
//! the encoding, or not JSON is an error at the path.
//!
//! The value is inlined as a literal in the ARM JSON *and* in the Bicep: the
//! Bicep files are written wherever the program chooses (`OUT_DIR`, a folder of
//! the user's), where the relative path of a Bicep `loadTextContent` would not
//! find the file, so the literal keeps them self-contained and equal in meaning
//! to the ARM JSON.
//!
//! ```ignore
//! resource policy "Microsoft.ApiManagement/service/policies@2024-05-01" {
//!     parent: apim,
//!     name: "policy",
//!     properties: { format: "rawxml", value: loadTextContent("policies/global.xml") },
//! }
//! ```
//!
//! # User-defined functions
//!
//! `func name(a: type, ...): type = expr;` declares a function (ARM's
//! `functions`, Bicep's `func`), called as `name(x, ...)` anywhere an
//! expression goes. Parameter and result types are the parameter types
//! without the secure ones; the doc comment is the description. In ARM a
//! function lives in a namespace and is called as `namespace.name(...)`:
//! `#[namespace("contoso")]` on the function (or on the constant, for all of
//! them) chooses it, and the default is `__bicep`, the namespace `bicep build`
//! gives Bicep's `func`s, so the ARM output is what Bicep makes of the Bicep
//! output. The DSL also takes the ARM form of a call, `contoso.name(...)`.
//! Functions of different namespaces may share a name, as in ARM: such a
//! function is called only as `namespace.name(...)`, and in the Bicep output
//! (which has no namespaces) a later one takes its namespace as a prefix,
//! camel-cased as Bicep names are, `otherName`; so does one whose name differs
//! only in case (`other.Name`, also `otherName`), since Bicep rejects such
//! names, and the prefixed name avoids every other name ignoring case (a
//! number after it where taken: `otherName2`). ARM reads namespace names
//! ignoring case: `ns` and `NS` are one namespace, so they cannot both declare
//! `name`. A call spells the namespace as declared (`NS.name(...)` for `ns` is
//! an error that suggests `ns.name`), as the DSL's names are case-sensitive.
//!
//! Checked as ARM and Bicep check them (sources: "User-defined functions in
//! ARM template" and "User-defined functions in Bicep", Limitations):
//!
//! - a call has the function's number of arguments, each of its parameter's
//!   type, and its result is the declared type; the body has that type;
//! - the body reads only the function's own parameters (`parameters("x")` for
//!   porting reads them too): not the template's parameters, variables,
//!   resources or modules; no `reference`, `list*` (deployed state), `utcNow`,
//!   `newGuid`, `copyIndex` or `[for ...]` (write `map`);
//! - a function may call other user-defined functions (Bicep lifted ARM's old
//!   "cannot call other user-defined functions" rule), but never itself,
//!   directly or through others;
//! - no default values; a function's name is not an ARM function's (`format`),
//!   nor another declaration's, nor another function's of its namespace in
//!   other case.
//!
//! ```
//! apim_dsl::template! {
//!     pub const FUNCTIONS;
//!     param hosts: array = ["api", "portal"];
//!     /// The https URL of a host.
//!     func hostUrl(host: string, domain: string): string = format("https://{0}.{1}", host, domain);
//!     #[namespace("contoso")]
//!     func hostUrls(names: array): array = map(names, h => hostUrl(h, "contoso.com"));
//!     output urls: array = contoso.hostUrls(hosts);
//! }
//! # fn main() {
//! let arm: serde_json::Value = serde_json::from_str(FUNCTIONS.arm_json()).unwrap();
//! assert_eq!(arm["functions"][0]["namespace"], "__bicep");
//! assert_eq!(
//!     arm["functions"][0]["members"]["hostUrl"]["output"]["value"],
//!     "[format('https://{0}.{1}', parameters('host'), parameters('domain'))]"
//! );
//! assert_eq!(arm["outputs"]["urls"]["value"], "[contoso.hostUrls(parameters('hosts'))]");
//! assert!(FUNCTIONS.bicep().contains("func hostUrls(names array) array => map(names, h => hostUrl(h, 'contoso.com'))"));
//! assert!(FUNCTIONS.bicep().contains("output urls array = hostUrls(hosts)"));
//! # }
//! ```
//!
//! # Resources
//!
//! `resource symbol "Type@apiVersion" { body }`. The body holds the resource's
//! keys as written (`location`, `sku`, `identity`, `properties`, `tags`, ...) and
//! these special ones:
//!
//! - `name` (required);
//! - `parent: vault`: a child resource; `name` is then its own segment;
//! - `scope: vault`: an extension resource (a role assignment) on another one;
//!   written as in hand-written templates, `vault.id`, `resourceId(...)` or a
//!   string (`format("Microsoft.KeyVault/vaults/{0}", name)`) of a declared
//!   resource works too and is kept as written in the ARM output (the symbol
//!   in Bicep); `scope: resourceGroup("rg")` for an `existing` resource in
//!   another group;
//! - `dependsOn: [apim]`: rarely needed (see below);
//! - `resources: [resource child "apis@version" { ... }, ...]`: children nested
//!   in their parent, ARM's nested form (below);
//! - `comments: "..."`: ARM's reference notes, a string, taken by every
//!   resource type; kept in the ARM output, and written as `//` lines above the
//!   resource in Bicep, whose bodies have no such key.
//!
//! Between the type and the body: `existing` (looked up, not deployed), `for x
//! in source` or `for (x, i) in source` (ARM `copy`, `#[batchSize(n)]` for
//! serial batches), `if cond` (ARM `condition`). `#[allow(...)]` silences a lint
//! (`broad_access`, `pinned_certificate`, `enum_spelling`, `unused`,
//! `useless_unchecked`; `member_case` on the template: see [Lints](#lints));
//! `#[access(caller)]` or `#[access(external)]` on a Key Vault says its access is
//! given outside the template (see the custom domains section); `#[accept]` and
//! `#[unchecked]` are under "Resource types" below.
//!
//! `#[metadata({ ... })]` on a resource is its ARM `metadata` member, notes
//! of any shape on the resource in the template. Bicep has no decorator for
//! it (its `@metadata` is for parameters, outputs and types: BCP127 on a
//! resource), so the Bicep writes it as the body's `metadata`, which Bicep
//! compiles to that member (warning BCP037, as for any key its type data
//! lacks). It holds literal values only (strings, numbers, `true`, `false`,
//! `null`, arrays and objects of them), under literal keys; a computed one is
//! a body key `metadata` kept with `#[accept("metadata")]`. It is not for an
//! `existing` resource (which is not deployed), and the body then has no
//! `metadata` key.
//!
//! A resource's or module's doc comment is its `metadata.description`, as
//! Bicep's `@description` on a resource or module writes it: in the ARM JSON
//! first among `#[metadata]`'s entries, in the Bicep `@description(...)`, or
//! with `#[metadata]` the first entry of the body's `metadata` (a
//! `description` in `#[metadata]` beside a doc comment is an error). Beside a
//! body key `metadata` kept with `#[accept]`, the doc comment is `//` lines in
//! the Bicep and not in the ARM JSON.
//!
//! Every description (the template's, a parameter's, an output's, a
//! function's, a resource's or module's) that ARM would read as an expression
//! (`/// [Preview]`: it starts with `[` and ends with `]`) is written escaped
//! in the ARM JSON, `"[[Preview]"`, as Bicep writes the string of its
//! `@description`; ARM reads it as the text `[Preview]`.
//!
//! ```
//! apim_dsl::template! {
//!     pub const RESOURCE_METADATA;
//!     /// The application's identity.
//!     #[metadata({ owner: "platform-team", ticket: 4711, reviewed: true })]
//!     resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
//!         name: "id-app",
//!         location: resourceGroup().location,
//!     }
//! }
//! # fn main() {
//! let arm: serde_json::Value = serde_json::from_str(RESOURCE_METADATA.arm_json()).unwrap();
//! assert_eq!(arm["resources"][0]["metadata"]["description"], "The application's identity.");
//! assert_eq!(arm["resources"][0]["metadata"]["owner"], "platform-team");
//! assert_eq!(arm["resources"][0]["metadata"]["ticket"], 4711);
//! assert!(RESOURCE_METADATA.bicep().contains("  metadata: {\n    description: 'The application\\'s identity.'\n    owner: 'platform-team'\n    ticket: 4711\n    reviewed: true\n  }\n}"));
//! # }
//! ```
//!
//! A resource or module deployed `if cond` is absent when `cond` is false, and
//! reading its deployed state then fails the deployment (Bicep's BCP318). Its
//! `id`, `name`, `type` and `apiVersion` may be read anywhere; anything else
//! (`r.properties.x`, `r.identity.principalId`, `m.outputs.x`, a `grant` of its
//! identity) only where the condition is known to hold: in a declaration with the
//! same condition (or with it among its `&&` terms, `if cond && other`), or in
//! the branch of `cond ? ... : ...` (or after `cond && ...`) that runs when it
//! holds (ARM evaluates only the branch of `if()` it takes).

//!
//! ## `dependsOn` as ARM takes it
//!
//! Each entry is a symbol or anything ARM takes, which must name a resource
//! declared here: `resourceId(type, names...)` (the type with or without a
//! trailing `/`, the names as separate arguments or as Bicep's
//! `split(x, '/')[0], split(x, '/')[1]`); a `"Type/name"` string or
//! `concat("Microsoft.ApiManagement/service/", name, "/apis/", api)`; a
//! resource's name, literal or through a variable or parameter: its full name
//! (`"vnet1/subnet1"`) or, for a child resource, its own name, the last
//! segment (`"subnet1"`, however the child was declared: nested, with
//! `parent:`, or with a combined name). Names are compared by structure: the
//! same literal text (ignoring case, as ARM compares names), parameters,
//! variables and calls in each segment, however the resource's name was
//! written (`parent`, a combined `"svc/api"`, `concat`, `format`). A name is
//! read as ARM builds it: an integer in `concat` is its digits
//! (`concat(stem, 0)` is `"nic0"`), `string(x)`, `toLower(x)` and
//! `toUpper(x)` are `x`, a member or element of a variable written as
//! literal JSON is its value (`solutions.backup.name`, `books[0].name`), and
//! a full id of this deployment's resource group,
//! `concat("/subscriptions/", subscription().subscriptionId, "/resourceGroups/", resourceGroup().name, "/providers/", type, "/", name)`,
//! is its `type/name`, as is an id extended by text,
//! `concat(nicRef, copyIndex())` with `nicRef` a `resourceId(type, name)`
//! (the id of `type/name<suffix>`). An entry that names another copy of its own
//! resource's loop (copy `k` waiting for copy `k - 1`, which ARM resolves
//! copy by copy) is an error: a `dependsOn` here waits for whole loops (use
//! `#[batchSize(1)]` for copies one after another). The ARM
//! output keeps the written entries in their order and text, then adds the
//! dependencies implied by references, `parent` and `scope`; Bicep gets the
//! symbols. An entry that names nothing is an error saying what failed to
//! match: the type, the number of name segments, or the name.
//!
//! ARM takes "a resource name or ID" in `dependsOn`
//! ([Define the order for deploying resources in ARM templates](https://learn.microsoft.com/azure/azure-resource-manager/templates/resource-dependency#dependson)),
//! a name only while no other resource of the template has it
//! ([MicrosoftDocs/azure-docs#45431](https://github.com/MicrosoftDocs/azure-docs/issues/45431)):
//! a name that several resources have (two subnets called `default` under
//! different networks, or a child's own name that a top-level resource has
//! as its name) is an error listing each with its type and full name; write
//! the symbol, or `resourceId(type, names...)`, of the one to wait for.
//!
//! ARM matches each entry against the resources the deployment deploys, by
//! their full ids, and rejects a template with an entry that is none of them
//! ("The resource '...' is not defined in the template"). An id's
//! subscription and resource group are therefore compared with the
//! deployment's own: `resourceGroup().name` and
//! `subscription().subscriptionId` (`resourceId(resourceGroup().name, type,
//! name)`) are the id without them, and so is the deployment scope's id
//! extended by text (`concat(resourceGroup().id, "/providers/", type, "/",
//! name)`, its `format`, `subscription().id` in a subscription template). A
//! group written as text (`resourceId("other-rg", type, name)`) is fixed in the
//! template while its resources are in the group each deployment chooses, and
//! is an error saying what to write; a group a parameter chooses names this
//! template's resource only where the deployment is to that group (ARM rejects
//! the template elsewhere), and is matched with a warning. An id of a scope
//! the template's resources never have (a group's in a subscription template,
//! `subscriptionResourceId` in a resource group's) names none of them, and a
//! deployment id with a group names a module at the module's scope (the group
//! written alike for a module in another group). The same
//! holds for an extension resource's `scope` written as an id, except that a
//! group a parameter chooses is an error there: ARM would deploy onto that
//! group's resource, and Bicep onto the symbol's.
//!
//! ## Nested resources
//!
//! `resources: [ ... ]` in a body holds resources as ARM nests them, each
//! declared as at the top level (attributes, symbol, `if`), separated by commas.
//! As ARM reads a nested type
//! ([Set name and type for child resources](https://learn.microsoft.com/azure/azure-resource-manager/templates/child-resource-name-type)),
//! a type that does not start with a namespace is relative to the parent's:
//! a short type (`"apis@2024-05-01"`) is under the parent's type and its
//! `name` is its own segment, as with `parent:`; a relative type of several
//! segments (`"blobServices/containers@2023-01-01"` in a storage account) is
//! the parent's type and all of them, named by as many segments
//! (`"default/logs"`), and the relative legacy extension form
//! (`"providers/locks@2016-09-01"`, `"databases/providers/diagnosticSettings@..."`
//! in a SQL server) is checked as its extension type, named
//! `"Microsoft.Authorization/nodelete"` (`"master/Microsoft.Insights/audit"`).
//! A fully qualified type (`"Microsoft.ApiManagement/service/apis@2024-05-01"`,
//! or another provider's, `Microsoft.OperationsManagement/solutions` in a Log
//! Analytics workspace) is the resource it names, with its full name, as at the
//! top level. Children are checked as their full types,
//! emitted nested as written in ARM (which does not make them wait for their
//! parent: a short-typed child that does not name it in `dependsOn` gets it
//! added, unless it names a resource nested in the same parent, which waits
//! for it) and as `parent:` children in Bicep (a relative type of several
//! segments, which Bicep's `parent` cannot name, with its full name built from
//! the parent's, `'${st.name}/${'default/logs'}'`). A nested resource cannot loop
//! (ARM has no `copy` there) and takes no `parent`; nested in a looped
//! resource, it has that loop: ARM deploys it once for each copy of the parent
//! ([Resource iteration in ARM templates](https://learn.microsoft.com/azure/azure-resource-manager/templates/copy-resources)),
//! the loop's variables and `copyIndex()` in its body count the parent's
//! copies, the ARM output writes no `copy` on it, and Bicep gets a loop over
//! the same source with `parent: vm[i]`. Having no `copy`, it has no copy loop
//! name for `dependsOn` to wait for
//! ([Define the order for deploying resources](https://learn.microsoft.com/azure/azure-resource-manager/templates/resource-dependency)):
//! what is nested in the same copy and waits for it (its children, a sibling's
//! `dependsOn: [blob]`) waits for that copy's, by its id (`blob[k]` in
//! Bicep); from outside the loop one copy can be waited for, `dependsOn:
//! [front[0]]`, but waiting for every copy, by `dependsOn: [front]` or by a
//! read such as `front[j].id` (which implies the wait), is an error: declare
//! the resource at the top level with a loop of its own and `parent: vnets[i]`
//! instead. Nested in a looped `existing` resource, which the ARM output does
//! not have, a resource stands at the top level with a loop of its own (over
//! the parent's source, its `copy` named by its own symbol); its full name
//! holds the parent's, so the loop variable must be in the parent's name (or
//! scope) or in its own, or every copy would get one name (an `existing`
//! resource's own name is not checked: it is only read).
//!
//! ```
//! apim_dsl::template! {
//!     pub const NESTED;
//!     param serviceName: string;
//!     resource apim "Microsoft.ApiManagement/service@2021-08-01" {
//!         name: serviceName,
//!         location: resourceGroup().location,
//!         sku: { name: "Developer", capacity: 1 },
//!         properties: { publisherEmail: "api@contoso.com", publisherName: "Contoso" },
//!         resources: [
//!             resource orders "apis@2021-08-01" {
//!                 name: "orders",
//!                 dependsOn: [concat("Microsoft.ApiManagement/service/", serviceName)],
//!                 properties: { displayName: "Orders", path: "orders", protocols: ["https"] },
//!             },
//!         ],
//!     }
//! }
//! # fn main() {
//! let arm: serde_json::Value = serde_json::from_str(NESTED.arm_json()).unwrap();
//! assert_eq!(arm["resources"][0]["resources"][0]["type"], "apis");
//! assert!(NESTED.bicep().contains("parent: apim"));
//! # }
//! ```
//!
//! ```
//! apim_dsl::template! {
//!     pub const NESTED_FORMS;
//!     param count: int = 2;
//!     resource st "Microsoft.Storage/storageAccounts@2023-01-01" {
//!         name: "stcontoso",
//!         location: resourceGroup().location,
//!         sku: { name: "Standard_LRS" },
//!         kind: "StorageV2",
//!         resources: [
//!             resource logs "blobServices/containers@2023-01-01" { name: "default/logs" },
//!         ],
//!     }
//!     resource vnets "Microsoft.Network/virtualNetworks@2023-09-01" for i in range(0, count) {
//!         name: concat("vnet", string(i)),
//!         location: resourceGroup().location,
//!         properties: { addressSpace: { addressPrefixes: [concat("10.", string(i), ".0.0/16")] } },
//!         resources: [
//!             resource front "subnets@2023-09-01" {
//!                 name: "front",
//!                 properties: { addressPrefix: concat("10.", string(i), ".1.0/24") },
//!             },
//!         ],
//!     }
//! }
//! # fn main() {
//! let arm: serde_json::Value = serde_json::from_str(NESTED_FORMS.arm_json()).unwrap();
//! assert_eq!(arm["resources"][0]["resources"][0]["type"], "blobServices/containers");
//! assert_eq!(arm["resources"][0]["resources"][0]["name"], "default/logs");
//! let subnet = &arm["resources"][1]["resources"][0];
//! assert_eq!(subnet["properties"]["addressPrefix"], "[concat('10.', string(copyIndex()), '.1.0/24')]");
//! assert!(subnet.get("copy").is_none());
//! let bicep = NESTED_FORMS.bicep();
//! assert!(bicep.contains("name: '${st.name}/${'default/logs'}'"), "{bicep}");
//! assert!(bicep.contains("parent: vnets[i_]"), "{bicep}");
//! # }
//! ```
//!
//! # Resource types
//!
//! Every resource is checked against Bicep's own type data (the `types.json` of
//! Azure/bicep-types-az that the Bicep compiler loads, embedded by the
//! `apim-dsl-types` crate): every resource type of every Azure provider, at every
//! API version. Each of these is a compile error at its token:
//!
//! - an unknown type or API version (with the closest spelling, and the known
//!   versions newest first); a type that cannot be deployed at the template's
//!   scope (`Microsoft.Resources/resourceGroups` in a resource group template);
//! - a name with the wrong number of `/` segments for its type, or whose own
//!   segment breaks the type's length, pattern or fixed names (`policy`);
//! - at every depth of the body: an unknown property (did you mean?), a missing
//!   required one, a read-only one written (`provisioningState`), a value of the
//!   wrong JSON type, an enum value that is not one of the type's, a string
//!   length, an integer range, an array length or a pattern broken. A property
//!   that exists in other API versions says which. Objects whose shape one
//!   property picks (`loggerType`, `ruleCollectionType`, `kind`) are checked as
//!   that shape;
//! - a parameter, variable, function result or read of deployed state whose
//!   type cannot be the property's (an `int` parameter where a string goes);
//! - a read of deployed state the type does not return (`apim.properties.gatewayUrll`)
//!   or never returns (a write-only property such as a certificate's `data`); a
//!   `list*` call the type has no resource function for;
//! - a hand-written `resourceId(type, ...)` with a name argument count other
//!   than the type's segments (ARM: "requires '2' resource name argument(s)"),
//!   or whose type is a close misspelling of a known one. An id function only
//!   builds a string, so the type may be a sub-resource in an array of its
//!   parent's `properties`
//!   (`resourceId("Microsoft.Network/applicationGateways/frontendIPConfigurations", gw, "fe")`,
//!   a load balancer's `probes`, `urlPathMaps/pathRules`); a type the data
//!   cannot judge (`Microsoft.Devices/IotHubs/IotHubKeys`) passes;
//! - on `Microsoft.Resources/deployments`, ARM's own top-level keys
//!   `resourceGroup` and `subscriptionId` (the resource group and subscription
//!   a nested deployment deploys to) are strings; on other types they are
//!   unknown properties. A module is the DSL's way to deploy elsewhere
//!   (`scope: resourceGroup("rg")`).
//!
//! Enum values compare ignoring case, as ARM does (the `enum_spelling` lint
//! warns about a spelling other than the schema's). Some enums are *open*: the
//! API takes values its type data does not list yet, so an unlisted value
//! passes, unless it is a typo of a listed one (`applicationInsight`).
//!
//! ```
//! apim_dsl::template! {
//!     pub const LOGGER;
//!     resource apim "Microsoft.ApiManagement/service@2024-05-01" existing { name: "contoso-apim" }
//!     resource logger "Microsoft.ApiManagement/service/loggers@2024-05-01" {
//!         parent: apim,
//!         name: "insights",
//!         properties: { loggerType: "applicationInsights", credentials: { instrumentationKey: "{{key}}" } },
//!     }
//!     output kind: string = logger.properties.loggerType;
//! }
//! # fn main() { assert!(LOGGER.bicep().contains("loggerType: 'applicationInsights'")); }
//! ```
//!
//! ## Where the type data and Azure disagree
//!
//! The type data is generated from the REST API specifications, and Azure
//! sometimes deploys what it rejects or lacks. The policy: **the data decides,
//! and each known disagreement has one narrow, named way out that keeps every
//! other check on**.
//!
//! | disagreement | what to write |
//! |---|---|
//! | a value or shape the data rejects but Azure accepts (booleans in API Management `customProperties`, typed as strings; `policyContent` at an API version whose data only has `value`; a new value of a closed enum) | `#[accept("properties.customProperties")]` on the resource: what deviates at that path and below is accepted. The path is the one the error names (`a.b[0].c`, `[]` for every item of a loop). An `#[accept]` that accepts nothing is an error, so it cannot outlive the deviation. |
//! | a type or API version Azure deploys but the data lacks (`Microsoft.KeyVault/vaults/accessPolicies@2015-06-01`, the seed's) | nothing: hand-written entries keep these known and checked (the project's own table, from Microsoft's published schemas). The same table adds what the data cannot say: GUID shapes (tenant ids, role assignment names), bounds such as `softDeleteRetentionInDays` 7 to 90, and the API version an enum value appeared in. |
//! | an enum value in another case (`systemAssigned`) | accepted (ARM compares case-insensitively), with the `enum_spelling` warning; `#[allow(enum_spelling)]` where a source must be reproduced exactly. |
//! | the legacy extension form `{resource type}/providers/{extension type}`, named `{resource name}/{Namespace}/{name}` (`Microsoft.Storage/storageAccounts/providers/roleAssignments` named `st1/Microsoft.Authorization/<GUID>`, `Microsoft.ApiManagement/service/providers/diagnosticSettings` named `svc/Microsoft.Insights/logs`) | checked as the extension resource `{Namespace}/{extension type}` at the same API version (`Microsoft.Authorization/roleAssignments`: its body, GUID name, versions). A name whose namespace is not literal text takes the one extension type of that name the data knows. `scope: <resource>` on the extension type is the current form. |
//! | a type the data does not know at all (a private or brand-new provider), or an API version newer than the data | `#[unchecked]`: deployed as written. On a type and version the data knows, `#[unchecked]` is a warning and the checks run anyway. |
//!
//! ```
//! apim_dsl::template! {
//!     pub const TLS;
//!     // ARM takes a boolean here; the type data says string.
//!     #[accept("properties.customProperties")]
//!     resource apim "Microsoft.ApiManagement/service@2024-05-01" {
//!         name: "contoso-apim",
//!         location: "westeurope",
//!         sku: { name: "Developer", capacity: 1 },
//!         properties: {
//!             publisherEmail: "admin@contoso.com",
//!             publisherName: "Contoso",
//!             customProperties: { "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10": false },
//!         },
//!     }
//! }
//! # fn main() { assert!(TLS.arm_json().contains("Tls10\": false")); }
//! ```
//!
//! # Symbolic references
//!
//! A resource's symbol reads it: `apim.id`, `apim.name`, `apim.type`,
//! `apim.apiVersion` are known in advance; `apim.properties.gatewayUrl` and
//! `apim.identity.principalId` (and `.tenantId`) read the deployed resource with
//! `reference(...)`. A hand-written `reference(id, version)` returns only the
//! resource's `properties` (source: "ARM template functions: reference"): reading
//! `.identity`, `.sku`, `.tags`, `.location` or `.zones` from it needs `"Full"` as
//! the third argument, and is an error without. A hand-written `reference()` or
//! `list*()` whose id is `resourceId(type, name)` of a resource the template
//! deploys (directly or through a variable) makes the reader wait for that
//! resource, as its symbol would; ARM adds no such dependency by itself. Using a symbol makes the resource wait for it (implicit
//! `dependsOn`, deterministic, without duplicates), `apim.id` and `apim.name`
//! included, as in Bicep ("An implicit dependency is created when one resource
//! declaration references another resource in the same deployment", source:
//! "Resource dependencies in Bicep"). A hand-written id, `resourceId(type, name)`
//! directly or through a variable, is only text and makes nothing wait, as
//! in ARM: this is where the two forms differ. An Application Insights
//! component tagged `hidden-link:<the site's id>` whose site waits for it
//! writes the id as `resourceId(...)`; `site.id` there makes the component
//! wait for the site, a cycle. `apim-dsl import --symbolic` writes a
//! `resourceId(...)` as the symbol's `id` only where the resource already
//! waits for it (its `dependsOn` names it, or it is its parent). One copy of a looped resource
//! is `ids[i].properties.principalId`; each copy's `name` must use the loop
//! variable. Waiting for a loop (`dependsOn: [ids]`) waits for every copy;
//! `dependsOn: [ids[0]]` (or `ids[i]` inside another loop) waits for that copy
//! alone: ARM gets its id, Bicep `ids[0]`. An index known at compile time must
//! be one of the loop's copies. An ARM template's own way, the copy's id or
//! name (`resourceId('T', 'id-0')`, `'T/id-0'`, `'id-0'`), is taken too and
//! kept as written: the name must be one of the copies' names when those are
//! known at compile time (a `range` or an array literal, a name built from
//! the loop variable), else fit the name's literal text; Bicep then writes
//! `ids[0]`, or waits for the whole loop when which copy is not known. One
//! copy of a module loop cannot be waited for alone.
//!
//! # Role grants
//!
//! `grant symbol { principal: identity, scope: vault }` is a role assignment on
//! `scope` for `principal`'s managed identity (a user-assigned identity, or a
//! resource's system-assigned one) with a deterministic `guid(...)` name and
//! `principalType: ServicePrincipal`. On a Key Vault the role defaults to
//! "Key Vault Secrets User", the least privileged role that lets API Management
//! read a certificate; elsewhere write `role: "Reader"` (a built-in role's name or
//! a role definition GUID). The names known are Owner, Contributor, Reader, the
//! Key Vault roles, the Storage Blob, Queue and Table
//! data roles, the Service Bus and Event Hubs data roles, AcrPull, AcrPush and the
//! API Management service roles; any other role by its definition GUID.
//! `description` and `principalType` are optional, and so is `name` (by default
//! `guid(scope.id, principal, role)`; when the principal is known only once
//! deployed, an identity made by a module or `x.properties.principalId`, the
//! grant's own symbol stands in for it, since ARM needs names before deploying).
//! `grant symbol if cond { ... }` grants only when `cond` holds (needed to grant
//! the identity of a conditional resource).
//!
//! # Custom domains and other Key Vault readers
//!
//! A `hostnameConfigurations` entry whose `keyVaultId` reads a vault (for
//! instance `cert.properties.secretUri`, versionless, so that renewals are
//! picked up) is read with the identity in `identityClientId`, or the service's
//! system-assigned one. The same holds for every `properties.keyVault` with a
//! `secretIdentifier` (named values, certificates and other children of the
//! service), read with its `identityClientId` or the service's system-assigned
//! identity. The template must give that identity access to the vault (a grant
//! whose role can read secrets, or an access policy with `get` on secrets); the
//! reader then waits for that access. A service whose identity is only
//! user-assigned has no system principal: `identityClientId` is then required,
//! and `apim.identity.principalId` is an error. A certificate pinned to one
//! version (`secretUriWithVersion`) is a warning (`#[allow(pinned_certificate)]`).
//!
//! A custom domain read with the service's *system-assigned* identity cannot get
//! its access in the same template: that identity only exists once the service
//! does, and the service reads the certificate while it is created. The seed
//! document's three steps do it in order: create the service, give its identity
//! access, then bind the domain in a module that waits for the access (the
//! `apim_domain_by_module` example). The module's template cannot see the access
//! its caller gives, so it says so on the vault:
//!
//! | on a `Microsoft.KeyVault/vaults` resource | means | checked |
//! |---|---|---|
//! | `#[access(caller)]` | the template that deploys this one as a module gives the access before the module | rustc: each module of this template waits (through `dependsOn` or a reference, directly or through what it waits for) for a grant, an access policy or another module (which may grant, for a vault in another resource group: what a module deploys is not visible to the caller) |
//! | `#[access(external)]` | the access is given outside any template (a platform team owns the vault and its role assignments) | nothing: said explicitly, documented in the declaration |
//!
//! How a vault authorizes is checked too (source: the Key Vault schema,
//! `enableRbacAuthorization`: "When true, the key vault will use Role Based
//! Access Control (RBAC) for authorization of data actions, and the access
//! policies specified in vault properties will be ignored. When false, the key
//! vault will use the access policies specified in vault properties ... If null or
//! not specified, the vault is created with the default value of false"): an
//! access policy on a vault of the template with `enableRbacAuthorization:
//! true`, and a role that reads secrets on one with `false` or without the
//! property (before API version 2026-02-01), are errors. An access policy named
//! `remove` (`vault/remove`) takes permissions away, so it gives no access.
//!
//! ```
//! apim_dsl::template! {
//!     /// Binds a domain; the caller gives the service's identity access first.
//!     pub const BIND_DOMAIN;
//!     param serviceName: string;
//!     #[access(caller)]
//!     resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-contoso" }
//!     resource cert "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing { parent: vault, name: "api" }
//!     resource apim "Microsoft.ApiManagement/service@2024-05-01" {
//!         name: serviceName,
//!         location: resourceGroup().location,
//!         sku: { name: "Developer", capacity: 1 },
//!         identity: { type: "SystemAssigned" },
//!         properties: {
//!             publisherEmail: "admin@contoso.com",
//!             publisherName: "Contoso",
//!             hostnameConfigurations: [{ type: "Proxy", hostName: "api.contoso.com", keyVaultId: cert.properties.secretUri }],
//!         },
//!     }
//! }
//!
//! apim_dsl::template! {
//!     pub const SERVICE_THEN_DOMAIN;
//!     resource apim "Microsoft.ApiManagement/service@2024-05-01" {
//!         name: "contoso-apim",
//!         location: resourceGroup().location,
//!         sku: { name: "Developer", capacity: 1 },
//!         identity: { type: "SystemAssigned" },
//!         properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
//!     }
//!     resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-contoso" }
//!     grant apimReads { principal: apim, scope: vault }
//!     module domain = BIND_DOMAIN { dependsOn: [apimReads], params: { serviceName: apim.name } }
//! }
//! # fn main() { assert!(SERVICE_THEN_DOMAIN.arm_json().contains("hostnameConfigurations")); }
//! ```
//!
//! ```
//! apim_dsl::template! {
//!     pub const DOMAIN;
//!     param certificateName: string;
//!     resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
//!         name: "apim-identity",
//!         location: resourceGroup().location,
//!     }
//!     resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-contoso" }
//!     resource cert "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing {
//!         parent: vault,
//!         name: certificateName,
//!     }
//!     grant readCertificate { principal: identity, scope: vault }
//!     resource apim "Microsoft.ApiManagement/service@2024-05-01" {
//!         name: "contoso-apim",
//!         location: resourceGroup().location,
//!         sku: { name: "Developer", capacity: 1 },
//!         identity: { type: "UserAssigned", userAssignedIdentities: { [identity.id]: {} } },
//!         properties: {
//!             publisherEmail: "admin@contoso.com",
//!             publisherName: "Contoso",
//!             hostnameConfigurations: [{
//!                 type: "Proxy",
//!                 hostName: "api.contoso.com",
//!                 certificateSource: "KeyVault",
//!                 keyVaultId: cert.properties.secretUri,
//!                 identityClientId: identity.properties.clientId,
//!             }],
//!         },
//!     }
//! }
//! # fn main() {
//! let arm: serde_json::Value = serde_json::from_str(DOMAIN.arm_json()).unwrap();
//! let waits_for = arm["resources"][2]["dependsOn"].to_string();
//! assert!(waits_for.contains("Microsoft.Authorization/roleAssignments"), "{waits_for}");
//! # }
//! ```
//!
//! # Identities
//!
//! Checked as ARM reads them (source: "Managed identities for Azure resources",
//! and the `ManagedServiceIdentity` definition of the API Management schemas):
//!
//! - `identity.type` against `userAssignedIdentities`: `"UserAssigned"` and
//!   `"SystemAssigned, UserAssigned"` need at least one identity in the map;
//!   `"SystemAssigned"` and `"None"` take none (`null` counts as absent). ARM
//!   rejects the other combinations.
//! - The keys of `userAssignedIdentities` are resource ids of
//!   `Microsoft.ManagedIdentity/userAssignedIdentities`: `[identity.id]: {}`,
//!   `[resourceId("Microsoft.ManagedIdentity/userAssignedIdentities", name)]: {}`,
//!   a parameter (`[identityId]: {}`) or a literal full id. A key written as a
//!   name is literal text, so `userAssignedResourceId: {}` does not read the
//!   parameter of that name; a bare name, another type's id, or an identity's
//!   `name` or `principalId` is an error.
//! - `identityClientId` (custom domains, named values, certificates, anywhere in
//!   a body) is an identity's *client* id, `identity.properties.clientId`: given
//!   a `principalId`, a `tenantId`, a resource id or a name, API Management fails
//!   with "Can not find Managed Identity with provided IdentityClientId". The
//!   identity must be attached to the service that reads with it (the resource
//!   itself, or its nearest parent with an `identity`).
//!
//! # Key Vault references
//!
//! `keyVaultId` (custom domains) and `secretIdentifier` (the `keyVault` of named
//! values and certificates) are a secret's URI,
//! `https://<vault>.vault.azure.net/secrets/<name>[/<version>]`: write
//! `secret.properties.secretUri` for a secret of the template, or
//! `concat(vault.properties.vaultUri, "secrets/<name>")`. The certificate's own
//! URL (`/certificates/`; API Management reads a certificate through the secret of
//! the same name), the vault's URI alone, an ARM resource id (`cert.id`,
//! `resourceId(...)`, `/subscriptions/...`) and plain `http` deploy, then fail
//! when API Management reads them: they are errors. (Source: the API Management
//! schemas, `HostnameConfiguration.keyVaultId` and
//! `KeyVaultContractCreateProperties.secretIdentifier`.)
//!
//! # Names ARM cannot tell apart
//!
//! ARM compares names ignoring case. Two resources of one type with one name in
//! one scope (a child's full name counts: `parent: vault, name: "add"` is
//! `"kv/add"`) are rejected at deployment ("The resource is defined multiple
//! times in a template"), and so are two grants of one role to one principal on
//! one scope (their `guid(...)` names are equal) and two modules with one
//! deployment name: all compile errors. Copies of a loop, and resources under
//! different conditions (`if useNew` / `if !useNew`), may share a name.
//! Parameters, variables or outputs whose names differ only in case are an error
//! too (Bicep's BCP353); variables are compared by their ARM names
//! (`#[name("...")]`), which may also not be equal.
//!
//! # Limits and service rules
//!
//! Checked where the value is known at compile time, each as its source states:
//!
//! | rule | source |
//! |---|---|
//! | a loop (resource, module, variable, output, property) makes at most 800 copies, never a negative number (`range(0, -1)`); the resources of a template, copies counted, are at most 800 | "Template limits", "Resource iteration in ARM templates" |
//! | the result of `resourceGroup()`, `subscription()`, `tenant()`, `managementGroup()`, `deployment()` and `environment()` has the members their documentation lists (`resourceGroup().locaton` is an error, with "did you mean") | "ARM template functions - scope", "- deployment"; Bicep BCP083 |
//! | a resource does not read its own deployed state (`apim.properties.x` inside `apim`, or `reference(resourceId(...))` of itself); its `id`, `name`, `type`, `apiVersion` are known | Bicep BCP079 |
//! | a module's deployment name has at most 64 characters, letters, digits, `-`, `_`, `.`, `(`, `)` | the `Microsoft.Resources/deployments` name rule |
//! | a module output read where a type is required (an output, a name, a property of a known resource type, `concat` of strings) has that type in its template: an `int` where a string is required is a compile error (rustc checks the inner constant) | ARM: no implicit conversion |
//! | API Management: `zones` and `additionalLocations` need Premium (or Premium v2); `virtualNetworkType: "Internal"` needs Developer, Premium, Premium v2 or Isolated, `"External"` also Standard v2; several `Proxy` host names need Developer or Premium; the Consumption tier takes only `Proxy` host names, and no wildcard | "Feature-based comparison of the Azure API Management tiers", "Configure a custom domain name for your Azure API Management instance" |
//! | tags: at most 50 per resource, names of at most 512 characters without `< > * % & : \ ? / +` (names starting with `hidden-` aside), values of at most 256 | "Use tags to organize your Azure resources" |
//!
//! # Modules
//!
//! `module symbol = PATH::TO::TEMPLATE { name: "...", params: { ... } }` deploys
//! another template constant as an inline nested deployment
//! (`expressionEvaluationOptions.scope: Inner`, no external URL); `if` and `for`
//! work as on resources (a module loop without `name` names each copy
//! `symbol-<index>`), and `dependsOn` may name resources. `symbol.outputs.x`
//! reads an output (`symbol[i].outputs.x` for one copy of a loop). rustc checks the parameters against the inner constant, at
//! the offending token: a missing, unknown or mistyped parameter and an unknown
//! output are compile errors, across Rust modules and crates (the inner
//! template's `#[allowed]` lists and length and value bounds are not checked on
//! the values passed: ARM checks them when it deploys, and `apim-dsl snapshot`
//! before). A module's secure
//! output (`secureString`, `secureObject`) is read as Bicep reads it,
//! `listOutputsWithSecureValues(...)`, since `reference(...).outputs` cannot see
//! it; relaying one into a plain output is the same error as any other secret
//! in an output. A template with
//! errors reports them once, where it is declared: the modules that use it add
//! none.
//!
//! `scope:` deploys a module elsewhere, as Bicep's module `scope`:
//! `resourceGroup("rg")` or `resourceGroup("subscriptionId", "rg")` (ARM:
//! `resourceGroup` and `subscriptionId` of the nested deployment),
//! `subscription()` or `subscription("id")`, `managementGroup("id")`, `tenant()`
//! (ARM: a `subscriptionId` or `scope`, and the `location` a deployment above a
//! resource group is stored in). A module without `scope:` deploys where its
//! template does; in a template above a resource group its deployment gets
//! `"location": "[deployment().location]"`, as Bicep writes it (ARM requires a
//! location there). The inner template must be written for that
//! scope (`#[targetScope]`), which rustc checks; its outputs are read from the
//! deployment at that scope. `#[apiVersion("2022-09-01")]` picks the API
//! version of the deployment resource (default `2021-04-01`; from 2019-10-01,
//! the first with inline templates evaluated in their own scope).
//!
//! ```
//! apim_dsl::template! {
//!     pub const VAULT_ACCESS;
//!     param principalId: string;
//!     resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-platform" }
//!     grant read { principal: principalId, scope: vault }
//! }
//!
//! apim_dsl::template! {
//!     pub const APP;
//!     resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
//!         name: "app-identity",
//!         location: resourceGroup().location,
//!     }
//!     // The vault lives in the platform team's resource group.
//!     module access = VAULT_ACCESS {
//!         scope: resourceGroup("rg-platform"),
//!         params: { principalId: identity.properties.principalId },
//!     }
//! }
//! # fn main() { assert!(APP.arm_json().contains("\"resourceGroup\": \"rg-platform\"")); }
//! ```
//!
//! # Lints
//!
//! Warnings have names, shown in the warning's text (`... (lint:
//! broad_access)`); each is a compiler warning at the offending token unless
//! allowed or denied:
//!
//! | lint | warns about |
//! |---|---|
//! | `unused` | a parameter, variable or `existing` resource nothing uses (Bicep's `no-unused-params`, `no-unused-vars`, `no-unused-existing-resources`) |
//! | `broad_access` | over-broad Key Vault access: `all` in an access policy; Owner, Contributor or Key Vault Administrator on a vault |
//! | `pinned_certificate` | a custom domain's certificate pinned to one version, which will not pick up renewals |
//! | `enum_spelling` | an enum value spelled otherwise than the resource type's schema spells it (`"systemAssigned"`): ARM compares ignoring case and deploys it, but the template fails validation against Microsoft's published schemas |
//! | `useless_unchecked` | `#[unchecked]` on a resource whose type the data knows (it is checked anyway) |
//! | `member_case` | a member read in another case than its type spells it: `resourceGroup().Location`, `apim.properties.GatewayUrl`. ARM reads property names ignoring case ("Syntax and expressions in ARM templates"; the evaluator does too), so it deploys; Bicep and Microsoft's schemas spell it one way. On the template: `#[allow(member_case)]` before `const` keeps a ported template as written |
//!
//! Levels, innermost first (as with rustc's lints):
//!
//! 1. on a declaration: `#[allow(name)]` on a parameter, variable, resource
//!    or grant;
//! 2. on a template: `#[allow(name, ...)]`, `#[warn(name, ...)]` or
//!    `#[deny(name, ...)]` before `const` (once each);
//! 3. for the declaring crate, in its `Cargo.toml`:
//!
//!    ```toml
//!    [package.metadata.apim-dsl.lints]
//!    broad_access = "deny"
//!    unused = { level = "allow" }
//!    ```
//!
//!    The table mirrors Cargo's own `[lints]` table, which is where Rust users
//!    set a crate's lint levels; Cargo rejects unknown tools there, hence
//!    `package.metadata`. It is read when the crate compiles
//!    (`CARGO_MANIFEST_DIR`), and the expansion includes `Cargo.toml`, so
//!    editing the table rebuilds. A workspace-wide table is not read: give each
//!    crate its own.
//!
//! A denied lint is a compile error at the token, naming the lint and what
//! denied it. A lint name not listed here is an error.
//!
//! Stable Rust gives procedural macros no way to warn, so a warning is the use
//! of a deprecated item named after the lint, at the offending token: rustc
//! shows it as "use of deprecated unit struct `broad_access`: ...", and
//! `#![deny(deprecated)]` (or `warnings`) in the crate denies every lint at
//! once.
//!
//! Secrets in outputs and linked templates over plain http are errors, not
//! lints.
//!
//! # Outputs
//!
//! `output name: type = expr;` (a `[for ...]` loop for an `array`). An output
//! must not reveal a secure parameter or a `list*` result unless it is declared
//! `secureString` or `secureObject`.
//!
//! # Errors
//!
//! Every mistake is a compile error under the token that causes it, and every
//! error of a template is reported in one build. With errors the constant is
//! still defined (empty), so code that uses it gets no follow-on errors. Each error
//! starts with a stable code (`ADSL0404: ...`), explained with a wrong and a right
//! example in the [error catalogue](crate::errors).
//!
//! ## Coming from Bicep
//!
//! Bicep's spellings are errors whose message says the DSL's way:
//!
//! | Bicep | the DSL |
//! |---|---|
//! | `@description('...')` | a `///` doc comment |
//! | `@minLength(3)`, `@allowed(['a', 'b'])` | `#[minLength(3)]`, `#[allowed("a", "b")]` (the values as arguments, no brackets) |
//! | `@secure() param p string` | `param p: secureString;` |
//! | `param p string` | `param p: string;` (and every `param`, `var`, `output` ends with `;`) |
//! | `'text'` | `"text"` |
//! | `'${a}-x'` | `format("{0}-x", a)` or `concat(a, "-x")` |
//! | `resource r '...' = { }` | `resource r "..." { }` |
//! | `{ a.b: 1 }` (not Bicep either) | `{ a: { b: 1 } }` or `{ "a.b": 1 }` |
//!
//! # Grammar
//!
//! ```text
//! template   := attrs vis "const" IDENT ";" item*
//! attrs      := ( "///" doc | "#[" IDENT ( "(" expr,* ")" )? "]" )*
//!               (on a `var`: `#[name(STRING)]`, its ARM name)
//! item       := attrs ( param | var | resource | module | output | grant | func )
//! param      := "param" IDENT ":" TYPE ( "=" expr )? ";"
//! var        := "var" IDENT "=" expr ";"
//! resource   := "resource" IDENT STRING "existing"? for_head? ( "if" expr )? object ";"?
//!               (in a body, `resources: [ ( attrs resource ),* ]` nests children)
//! module     := "module" IDENT "=" PATH for_head? ( "if" expr )? object ";"?
//! output     := "output" IDENT ":" TYPE "=" expr ";"
//! grant      := "grant" IDENT ( "if" expr )? object ";"?
//! func       := "func" IDENT "(" ( IDENT ":" TYPE ),* ")" ":" TYPE "=" expr ";"
//! for_head   := "for" ( IDENT | "(" IDENT "," IDENT ")" ) "in" expr
//!
//! expr       := coalesce ( "?" expr ":" expr )?
//! coalesce   := or ( "??" or )*           or := and ( "||" and )*
//! and        := equality ( "&&" equality )*
//! equality   := relation ( ( "==" | "!=" ) relation )*
//! relation   := additive ( ( "<" | "<=" | ">" | ">=" ) additive )*
//! additive   := multiply ( ( "+" | "-" ) multiply )*
//! multiply   := unary ( ( "*" | "/" | "%" ) unary )*
//! unary      := ( "!" | "-" ) unary | postfix
//! postfix    := primary ( "." NAME | "[" expr "]" )*
//! primary    := STRING | INT | "true" | "false" | "null" | ( IDENT | "if" ) "(" expr,* ")"
//!             | IDENT "." IDENT "(" expr,* ")"
//!             | IDENT | "[" expr,* "]" | "[" for_head ":" expr "]"
//!             | "{" ( key ":" expr ),* "}" | "(" expr ")" | lambda
//! key        := NAME | STRING | "[" expr "]"
//! lambda     := IDENT "=>" expr | "(" IDENT,* ")" "=>" expr
//! ```
