//! The fields of an application, as the schema describes them: looking a mapping's JSON
//! pointer up (`/budget/requested`, `/partners/0/name`), with the names that were possible
//! where it went wrong, and which fields are required.

use serde_json::Value;

/// Where a pointer leaves the schema: the segment that names nothing, and the names that
/// were possible there (for "did you mean").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    /// The pointer up to and including the unknown segment.
    pub pointer: String,
    /// The unknown segment.
    pub segment: String,
    /// The property names known at that place (empty where only list positions are).
    pub known: Vec<String>,
}

/// The schema of the value at `pointer` in a document described by `root` (`$ref`s to
/// `#/$defs/…` followed, `anyOf` alternatives searched for an object or list; a segment under a
/// list is a position). `extra` describes `/extra` when a pack has an extension schema; an
/// application's `/extra` takes anything without one.
///
/// # Errors
/// [`Unknown`] for the first segment no property or list position matches.
pub fn lookup<'a>(
    root: &'a Value,
    extra: Option<&'a Value>,
    pointer: &str,
) -> Result<&'a Value, Unknown> {
    let mut here = resolve(root, root);
    let mut doc = root;
    let mut walked = String::new();
    for segment in pointer.split('/').skip(1) {
        walked.push('/');
        walked.push_str(segment);
        let properties = here.get("properties").and_then(Value::as_object);
        if let Some(found) = properties.and_then(|p| p.get(segment)) {
            if walked == "/extra"
                && std::ptr::eq(doc, root)
                && let Some(extension) = extra
            {
                doc = extension;
                here = resolve(extension, extension);
                continue;
            }
            here = resolve(doc, found);
            continue;
        }
        if properties.is_none()
            && segment.parse::<usize>().is_ok()
            && let Some(items) = here.get("items")
        {
            here = resolve(doc, items);
            continue;
        }
        // An open object (such as `extra` without a pack's schema) takes any name.
        if here
            .get("additionalProperties")
            .is_some_and(|a| a != &Value::Bool(false))
        {
            return Ok(&Value::Bool(true));
        }
        return Err(Unknown {
            pointer: walked,
            segment: segment.to_string(),
            known: properties
                .map(|p| p.keys().cloned().collect())
                .unwrap_or_default(),
        });
    }
    Ok(here)
}

/// `schema` with `$ref`s into `doc`'s `#/$defs/` followed, and an `anyOf` of something and
/// `null` (an optional field) taken as the something.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    let mut here = schema;
    for _ in 0..16 {
        if let Some(reference) = here.get("$ref").and_then(Value::as_str) {
            match reference.strip_prefix('#').and_then(|p| doc.pointer(p)) {
                Some(target) => {
                    here = target;
                    continue;
                }
                None => return here,
            }
        }
        if let Some(alternatives) = here.get("anyOf").and_then(Value::as_array)
            && let Some(real) = alternatives
                .iter()
                .find(|a| a.get("type") != Some(&Value::String("null".into())))
        {
            here = real;
            continue;
        }
        return here;
    }
    here
}

/// The required fields of the object `pointer` names (`""` for the application itself), as
/// pointers: `["/id", "/title", …]`.
pub fn required(root: &Value, extra: Option<&Value>, pointer: &str) -> Vec<String> {
    let Ok(schema) = lookup(root, extra, pointer) else {
        return Vec::new();
    };
    schema
        .get("required")
        .and_then(Value::as_array)
        .map(|names| {
            names
                .iter()
                .filter_map(Value::as_str)
                .map(|name| format!("{pointer}/{name}"))
                .collect()
        })
        .unwrap_or_default()
}

/// The schema's `enum` values of the field at `pointer` (of its items, for a list), if it has
/// them.
pub fn enum_values(root: &Value, extra: Option<&Value>, pointer: &str) -> Vec<String> {
    let Ok(schema) = lookup(root, extra, pointer) else {
        return Vec::new();
    };
    let doc = root;
    let schema = match schema.get("items") {
        Some(items) => resolve(doc, items),
        None => schema,
    };
    schema
        .get("enum")
        .and_then(Value::as_array)
        .map(|values| {
            values
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema() -> Value {
        kriterium_engine::schema::application()
    }

    #[test]
    fn pointers_into_objects_lists_and_optional_fields_are_found() {
        let root = schema();
        for pointer in [
            "/id",
            "/budget/requested",
            "/partners/0/name",
            "/continuation/operating_from",
            "/municipalities",
            "/extra/anything",
        ] {
            assert!(lookup(&root, None, pointer).is_ok(), "{pointer}");
        }
    }

    #[test]
    fn an_unknown_segment_is_named_with_the_names_possible_there() {
        let root = schema();
        let unknown = lookup(&root, None, "/budget/requestd").unwrap_err();
        assert_eq!(unknown.pointer, "/budget/requestd");
        assert!(unknown.known.contains(&"requested".to_string()));
        let unknown = lookup(&root, None, "/partners/first/name").unwrap_err();
        assert_eq!(unknown.segment, "first");
    }

    #[test]
    fn a_packs_extension_schema_describes_extra() {
        let root = schema();
        let extension = serde_json::json!({
            "type": "object", "additionalProperties": false,
            "properties": {"venue": {"type": "string"}}, "required": ["venue"]
        });
        assert!(lookup(&root, Some(&extension), "/extra/venue").is_ok());
        assert_eq!(
            lookup(&root, Some(&extension), "/extra/venu")
                .unwrap_err()
                .known,
            ["venue"]
        );
        assert_eq!(
            required(&root, Some(&extension), "/extra"),
            ["/extra/venue"]
        );
    }

    #[test]
    fn required_fields_and_enum_values() {
        let root = schema();
        assert!(required(&root, None, "").contains(&"/budget".to_string()));
        assert_eq!(
            required(&root, None, "/budget"),
            ["/budget/requested", "/budget/total"]
        );
        assert_eq!(
            enum_values(&root, None, "/continuation/likelihood"),
            ["high", "medium", "low", "unknown"]
        );
        assert_eq!(enum_values(&root, None, "/domains"), ["sport", "culture"]);
    }
}
