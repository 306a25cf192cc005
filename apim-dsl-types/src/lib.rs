//! Azure resource types as the Bicep compiler knows them, compact and embedded.
//!
//! The data is Bicep's own type data (`types.json` files of
//! [Azure/bicep-types-az](https://github.com/Azure/bicep-types-az), at the commit
//! [`SOURCE`] names), converted by `apim-dsl-typegen` into one binary blob per
//! resource provider namespace (`data/<namespace>.bin`, layout in [`mod@format`]).
//! Types repeated across API versions are stored once.
//!
//! Nothing is parsed up front: a blob is read in place, record by record, when a
//! template asks for a type of its namespace, so a template pays only for the
//! providers it uses.
//!
//! ```
//! let service = apim_dsl_types::resource("Microsoft.ApiManagement/service", "2024-05-01")
//!     .expect("known type");
//! assert!(service.writable_scopes.contains(apim_dsl_types::Scopes::RESOURCE_GROUP));
//! let apim_dsl_types::Type::Object(body) = service.body.get() else { panic!() };
//! let sku = body.property("sku").expect("a service has a sku");
//! assert!(sku.flags.required());
//! ```

#![forbid(unsafe_code)]

pub mod format;
// Written by apim-dsl-typegen, kept as it writes it.
#[rustfmt::skip]
mod generated;

use foldhash::HashMap;
use format::{FUNCTION_LEN, HEADER_LEN, MAGIC, RESOURCE_LEN, tag, unzigzag};
pub use generated::SOURCE;
use std::cmp::Ordering;
use std::sync::{LazyLock, Mutex};

/// One resource provider namespace's data (`Microsoft.ApiManagement`).
#[derive(Debug)]
pub struct Provider {
    /// The namespace as Azure spells it.
    pub namespace: &'static str,
    data: &'static [u8],
}

/// A type of one provider: a handle to decode on demand.
#[derive(Debug, Clone, Copy)]
pub struct TypeRef {
    provider: &'static Provider,
    id: u32,
}

impl PartialEq for TypeRef {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.provider, other.provider) && self.id == other.id
    }
}

impl Eq for TypeRef {}

impl std::hash::Hash for TypeRef {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (self.provider as *const Provider).hash(state);
        self.id.hash(state);
    }
}

/// A type, decoded.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Type {
    /// Any JSON value.
    Any,
    /// `true` or `false`.
    Bool,
    /// `null`.
    Null,
    /// An integer, maybe bounded (both bounds included).
    Int {
        /// Smallest value.
        min: Option<i64>,
        /// Largest value.
        max: Option<i64>,
    },
    /// A string.
    String {
        /// Fewest characters.
        min_length: Option<u64>,
        /// Most characters.
        max_length: Option<u64>,
        /// A .NET regular expression the value must match.
        pattern: Option<&'static str>,
        /// A secret: not to be logged or output.
        sensitive: bool,
    },
    /// Exactly this string (an enum member when inside a union).
    Literal(&'static str),
    /// Any of these types (string literals and a plain string: an open enum).
    Union(Vec<TypeRef>),
    /// An array.
    Array {
        /// The type of every item.
        item: TypeRef,
        /// Fewest items.
        min_length: Option<u64>,
        /// Most items.
        max_length: Option<u64>,
    },
    /// An object with named properties.
    Object(ObjectType),
    /// An object whose properties depend on the value of one of them.
    Discriminated(DiscriminatedType),
}

/// An object type.
#[derive(Debug, Clone)]
pub struct ObjectType {
    /// Its name in the type data (for messages).
    pub name: &'static str,
    /// Its named properties, in the data's order.
    pub properties: Vec<Property>,
    /// The type of any other key, when other keys are allowed (`tags`).
    pub additional: Option<TypeRef>,
    /// A secret.
    pub sensitive: bool,
}

impl ObjectType {
    /// The property named `name` (exact spelling first, then ignoring case, as
    /// ARM matches property names).
    pub fn property(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name).or_else(|| {
            self.properties
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(name))
        })
    }
}

/// A discriminated object type: `elements` by the value of `discriminator`.
#[derive(Debug, Clone)]
pub struct DiscriminatedType {
    /// Its name in the type data.
    pub name: &'static str,
    /// The property whose value picks the element (`loggerType`, `kind`).
    pub discriminator: &'static str,
    /// Properties every element has.
    pub base: Vec<Property>,
    /// `(discriminator value, object type)` pairs, in the data's order.
    pub elements: Vec<(&'static str, TypeRef)>,
}

impl DiscriminatedType {
    /// The element for discriminator value `value` (ignoring case, as ARM does).
    pub fn element(&self, value: &str) -> Option<TypeRef> {
        self.elements
            .iter()
            .find(|(v, _)| *v == value)
            .or_else(|| {
                self.elements
                    .iter()
                    .find(|(v, _)| v.eq_ignore_ascii_case(value))
            })
            .map(|(_, t)| *t)
    }
}

/// One named property of an object.
#[derive(Debug, Clone, Copy)]
pub struct Property {
    /// The key.
    pub name: &'static str,
    /// The value's type.
    pub ty: TypeRef,
    /// What may be done with it.
    pub flags: PropertyFlags,
}

/// Bicep's property flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PropertyFlags(pub u8);

impl PropertyFlags {
    /// Must be written.
    pub fn required(self) -> bool {
        self.0 & 1 != 0
    }
    /// Set by Azure: read, never written.
    pub fn read_only(self) -> bool {
        self.0 & 2 != 0
    }
    /// Written, never read back.
    pub fn write_only(self) -> bool {
        self.0 & 4 != 0
    }
    /// Must be known before deployment (`name`, `location`, ...).
    pub fn deploy_time_constant(self) -> bool {
        self.0 & 8 != 0
    }
    /// Identifies the resource.
    pub fn identifier(self) -> bool {
        self.0 & 16 != 0
    }
}

/// A set of deployment scopes (Bicep's bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scopes(pub u8);

impl Scopes {
    /// A template deployed to the tenant.
    pub const TENANT: Scopes = Scopes(1);
    /// A template deployed to a management group.
    pub const MANAGEMENT_GROUP: Scopes = Scopes(2);
    /// A template deployed to a subscription.
    pub const SUBSCRIPTION: Scopes = Scopes(4);
    /// A template deployed to a resource group.
    pub const RESOURCE_GROUP: Scopes = Scopes(8);
    /// An extension resource, deployed onto another resource.
    pub const EXTENSION: Scopes = Scopes(16);

    /// Whether every scope of `other` is in `self`.
    pub fn contains(self, other: Scopes) -> bool {
        self.0 & other.0 == other.0
    }

    /// The scopes' names, e.g. `["resource group", "subscription"]`.
    pub fn names(self) -> Vec<&'static str> {
        [
            (Self::RESOURCE_GROUP, "resource group"),
            (Self::SUBSCRIPTION, "subscription"),
            (Self::MANAGEMENT_GROUP, "management group"),
            (Self::TENANT, "tenant"),
            (Self::EXTENSION, "extension (scope: another resource)"),
        ]
        .into_iter()
        .filter(|(bit, _)| self.contains(*bit))
        .map(|(_, name)| name)
        .collect()
    }
}

/// One resource type at one API version.
#[derive(Debug, Clone, Copy)]
pub struct ResourceEntry {
    /// `Microsoft.ApiManagement/service`, as the data spells it.
    pub type_name: &'static str,
    /// `2024-05-01`.
    pub api_version: &'static str,
    /// The body's type (an object, or a discriminated object).
    pub body: TypeRef,
    /// Where an `existing` resource of this type can be read.
    pub readable_scopes: Scopes,
    /// Where it can be deployed.
    pub writable_scopes: Scopes,
}

/// A resource function (`listKeys`, `listSecrets`, ...).
#[derive(Debug, Clone, Copy)]
pub struct FunctionEntry {
    /// `listKeys`.
    pub name: &'static str,
    /// The resource type it is called on.
    pub resource_type: &'static str,
    /// The API version it is called with.
    pub api_version: &'static str,
    /// What it takes as its body, if anything.
    pub input: Option<TypeRef>,
    /// What it returns.
    pub output: TypeRef,
}

/// Every provider the data has, sorted by lower-case namespace.
pub fn providers() -> &'static [Provider] {
    &generated::PROVIDERS
}

/// The provider of `namespace` (ignoring case).
pub fn provider(namespace: &str) -> Option<&'static Provider> {
    let wanted = namespace.to_ascii_lowercase();
    generated::PROVIDERS
        .binary_search_by(|p| cmp_lower(p.namespace, &wanted))
        .ok()
        .map(|i| &generated::PROVIDERS[i])
}

/// Every resource type name the data knows, as spelt in its newest API version,
/// sorted ignoring case. Reading it loads no provider.
pub fn type_names() -> impl Iterator<Item = &'static str> {
    generated::TYPE_NAMES.iter().copied()
}

/// The data's spelling of resource type `type_name` (ignoring case), when known.
///
/// Answers are remembered for the life of the process, as [`resource`]'s are:
/// the checks ask for the type of every resource and every id function's
/// type argument, and a binary search over the 34,509 names, case folded byte
/// by byte, costs tens of microseconds in the unoptimized build cargo makes of
/// a proc macro.
pub fn canonical_type_name(type_name: &str) -> Option<&'static str> {
    static ANSWERS: LazyLock<Mutex<HashMap<String, Option<&'static str>>>> =
        LazyLock::new(Mutex::default);
    // A poisoned lock only means another thread panicked while holding it;
    // the map is still whole (an insert cannot half happen).
    let mut answers = ANSWERS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(answer) = answers.get(type_name) {
        return *answer;
    }
    let wanted = type_name.to_ascii_lowercase();
    let answer = generated::TYPE_NAMES
        .binary_search_by(|t| cmp_lower(t, &wanted))
        .ok()
        .map(|i| generated::TYPE_NAMES[i]);
    answers.insert(type_name.to_string(), answer);
    answer
}

/// Every API version of `type_name` (ignoring case), newest first (a preview
/// sorts before the stable version of the same date).
pub fn versions(type_name: &str) -> Vec<&'static str> {
    let Some(provider) = type_name.split('/').next().and_then(provider) else {
        return Vec::new();
    };
    let mut versions: Vec<&'static str> = provider
        .resources_of(type_name)
        .map(|r| r.api_version)
        .collect();
    versions.sort_by(|a, b| version_order(b, a));
    versions.dedup();
    versions
}

/// Resource type `type_name` (ignoring case) at `api_version` (exact).
///
/// Answers are remembered for the life of the process (a proc macro's process
/// is rustc compiling one crate, whose templates ask for the same few types
/// again and again): a repeated question costs a hash lookup instead of a
/// binary search through the provider's table.
pub fn resource(type_name: &str, api_version: &str) -> Option<ResourceEntry> {
    // By type, then by version: a question asked before is answered without
    // making its key.
    type Answers = HashMap<String, HashMap<String, Option<ResourceEntry>>>;
    static ANSWERS: LazyLock<Mutex<Answers>> = LazyLock::new(Mutex::default);
    // A poisoned lock only means another thread panicked while holding it;
    // the map is still whole (an insert cannot half happen).
    let mut answers = ANSWERS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(answer) = answers.get(type_name).and_then(|v| v.get(api_version)) {
        return *answer;
    }
    let answer = provider(type_name.split('/').next().unwrap_or_default()).and_then(|provider| {
        provider
            .resources_of(type_name)
            .find(|r| r.api_version == api_version)
    });
    answers
        .entry(type_name.to_string())
        .or_default()
        .insert(api_version.to_string(), answer);
    answer
}

/// The resource functions of `type_name` at `api_version` (both ignoring case).
pub fn functions(type_name: &str, api_version: &str) -> Vec<FunctionEntry> {
    let Some(provider) = type_name.split('/').next().and_then(provider) else {
        return Vec::new();
    };
    provider
        .functions()
        .filter(|f| {
            f.api_version.eq_ignore_ascii_case(api_version)
                && f.resource_type.eq_ignore_ascii_case(type_name)
        })
        .collect()
}

/// Orders API versions by date; a preview comes before the stable version of the
/// same date, which is how Azure releases them.
pub fn version_order(a: &str, b: &str) -> Ordering {
    let (a_date, b_date) = (a.get(..10).unwrap_or(a), b.get(..10).unwrap_or(b));
    a_date
        .cmp(b_date)
        .then((!a.ends_with("-preview")).cmp(&!b.ends_with("-preview")))
        .then(a.cmp(b))
}

fn cmp_lower(have: &str, wanted_lower: &str) -> Ordering {
    have.bytes()
        .map(|b| b.to_ascii_lowercase())
        .cmp(wanted_lower.bytes())
}

impl Provider {
    /// Creates a provider over a blob (the generated table does this).
    pub(crate) const fn new(namespace: &'static str, data: &'static [u8]) -> Provider {
        Provider { namespace, data }
    }

    fn u32_at(&self, offset: usize) -> u32 {
        self.data
            .get(offset..offset + 4)
            .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn count(&self, index: usize) -> usize {
        if self.data.get(..4) != Some(MAGIC.as_slice()) {
            return 0;
        }
        self.u32_at(4 + 4 * index) as usize
    }

    fn strings_index(&self) -> usize {
        HEADER_LEN
    }

    fn types_index(&self) -> usize {
        self.strings_index() + 4 * self.count(0)
    }

    fn resources_table(&self) -> usize {
        self.types_index() + 4 * self.count(1)
    }

    fn functions_table(&self) -> usize {
        self.resources_table() + RESOURCE_LEN * self.count(2)
    }

    /// String `id` of the blob's string table.
    fn string(&self, id: u32) -> &'static str {
        let data: &'static [u8] = self.data;
        let offset = self.u32_at(self.strings_index() + 4 * id as usize) as usize;
        let mut reader = Reader { data, at: offset };
        let len = reader.varint() as usize;
        let start = reader.at;
        data.get(start..start + len)
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .unwrap_or("")
    }

    /// Every resource type and API version of the provider.
    pub fn resources(&'static self) -> impl Iterator<Item = ResourceEntry> {
        (0..self.count(2)).map(move |i| self.resource_at(i))
    }

    /// Entry `i` of the resource table.
    fn resource_at(&'static self, i: usize) -> ResourceEntry {
        let at = self.resources_table() + i * RESOURCE_LEN;
        let scopes = self.data.get(at + 12..at + 14).unwrap_or(&[0, 0]);
        ResourceEntry {
            type_name: self.string(self.u32_at(at)),
            api_version: self.string(self.u32_at(at + 4)),
            body: TypeRef {
                provider: self,
                id: self.u32_at(at + 8),
            },
            readable_scopes: Scopes(scopes[0]),
            writable_scopes: Scopes(scopes[1]),
        }
    }

    /// Every API version of resource type `type_name` (ignoring case): the
    /// table is sorted by lower-case type name, so this is a binary search.
    pub fn resources_of(&'static self, type_name: &str) -> impl Iterator<Item = ResourceEntry> {
        let wanted = type_name.to_ascii_lowercase();
        let table = self.resources_table();
        let name_at = |i: usize| self.string(self.u32_at(table + i * RESOURCE_LEN));
        let count = self.count(2);
        // partition_point over 0..count by "type name < wanted".
        let (mut low, mut high) = (0, count);
        while low < high {
            let mid = (low + high) / 2;
            if cmp_lower(name_at(mid), &wanted).is_lt() {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        (low..count)
            .map(move |i| self.resource_at(i))
            .take_while(move |r| r.type_name.eq_ignore_ascii_case(&wanted))
    }

    /// Every resource function of the provider.
    pub fn functions(&'static self) -> impl Iterator<Item = FunctionEntry> {
        let table = self.functions_table();
        (0..self.count(3)).map(move |i| {
            let at = table + i * FUNCTION_LEN;
            let input = self.u32_at(at + 12);
            FunctionEntry {
                name: self.string(self.u32_at(at)),
                resource_type: self.string(self.u32_at(at + 4)),
                api_version: self.string(self.u32_at(at + 8)),
                input: input
                    .checked_sub(1)
                    .map(|id| TypeRef { provider: self, id }),
                output: TypeRef {
                    provider: self,
                    id: self.u32_at(at + 16),
                },
            }
        })
    }

    /// How many distinct types the blob holds.
    pub fn type_count(&self) -> usize {
        self.count(1)
    }

    /// The size of the blob in bytes.
    pub fn len_bytes(&self) -> usize {
        self.data.len()
    }
}

impl TypeRef {
    /// Decodes the type. A damaged record decodes as [`Type::Any`].
    ///
    /// Decoded types are remembered for the life of the process, as
    /// [`resource`]'s answers are: the checks ask for the same few types for
    /// every resource of a kind, and a copy costs less than decoding again.
    pub fn get(self) -> Type {
        self.decoded().clone()
    }

    /// The decoded type, without a copy: [`get`](Self::get) for a caller
    /// that only reads it.
    ///
    /// Each type is decoded once per process and kept for the rest of it
    /// (as `get`'s answers always were), so the reference is `'static`: the
    /// memory held is that of the types asked for, a few KiB per resource
    /// type a template uses.
    pub fn decoded(self) -> &'static Type {
        static DECODED: LazyLock<Mutex<HashMap<TypeRef, &'static Type>>> =
            LazyLock::new(Mutex::default);
        // A poisoned lock only means another thread panicked while holding it;
        // the map is still whole.
        let mut decoded = DECODED.lock().unwrap_or_else(|e| e.into_inner());
        decoded
            .entry(self)
            .or_insert_with(|| Box::leak(Box::new(self.decode())))
    }

    fn decode(self) -> Type {
        let provider = self.provider;
        let offset = provider.u32_at(provider.types_index() + 4 * self.id as usize) as usize;
        let mut r = Reader {
            data: provider.data,
            at: offset,
        };
        let to_ref = |id: u64| TypeRef {
            provider,
            id: id as u32,
        };
        match r.byte() {
            tag::BOOL => Type::Bool,
            tag::NULL => Type::Null,
            tag::INT => {
                let flags = r.byte();
                let min = (flags & 1 != 0).then(|| unzigzag(r.varint()));
                let max = (flags & 2 != 0).then(|| unzigzag(r.varint()));
                Type::Int { min, max }
            }
            tag::STRING => {
                let flags = r.byte();
                let min_length = (flags & 1 != 0).then(|| r.varint());
                let max_length = (flags & 2 != 0).then(|| r.varint());
                let pattern = (flags & 4 != 0).then(|| provider.string(r.varint() as u32));
                Type::String {
                    min_length,
                    max_length,
                    pattern,
                    sensitive: flags & 8 != 0,
                }
            }
            tag::LITERAL => Type::Literal(provider.string(r.varint() as u32)),
            tag::UNION => {
                let count = r.varint();
                Type::Union((0..count).map(|_| to_ref(r.varint())).collect())
            }
            tag::ARRAY => {
                let flags = r.byte();
                let item = to_ref(r.varint());
                let min_length = (flags & 1 != 0).then(|| r.varint());
                let max_length = (flags & 2 != 0).then(|| r.varint());
                Type::Array {
                    item,
                    min_length,
                    max_length,
                }
            }
            tag::OBJECT => {
                let flags = r.byte();
                let name = provider.string(r.varint() as u32);
                let properties = r.properties(provider);
                let additional = (flags & 1 != 0).then(|| to_ref(r.varint()));
                Type::Object(ObjectType {
                    name,
                    properties,
                    additional,
                    sensitive: flags & 2 != 0,
                })
            }
            tag::DISCRIMINATED => {
                let name = provider.string(r.varint() as u32);
                let discriminator = provider.string(r.varint() as u32);
                let base = r.properties(provider);
                let count = r.varint();
                let elements = (0..count)
                    .map(|_| (provider.string(r.varint() as u32), to_ref(r.varint())))
                    .collect();
                Type::Discriminated(DiscriminatedType {
                    name,
                    discriminator,
                    base,
                    elements,
                })
            }
            _ => Type::Any,
        }
    }

    /// The provider the type belongs to.
    pub fn provider(self) -> &'static Provider {
        self.provider
    }
}

/// Reads records; past the end it reads zeros (a damaged blob decodes to
/// harmless values, never a panic).
struct Reader {
    data: &'static [u8],
    at: usize,
}

impl Reader {
    fn byte(&mut self) -> u8 {
        let byte = self.data.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        byte
    }

    fn varint(&mut self) -> u64 {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte();
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                break;
            }
        }
        value
    }

    fn properties(&mut self, provider: &'static Provider) -> Vec<Property> {
        let count = self.varint();
        (0..count)
            .map(|_| {
                let name = provider.string(self.varint() as u32);
                let id = self.varint() as u32;
                let flags = PropertyFlags(self.byte());
                Property {
                    name,
                    ty: TypeRef { provider, id },
                    flags,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
