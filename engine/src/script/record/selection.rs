//! Which parts of the application a pack's scripts may read: the shape records are built in.
//!
//! The flow analysis (`script/flow.rs`) follows `app` through a script and notes, for each
//! part it reaches, the fields read of it (`budget.requested`), what is read of a list's items
//! (`partners[…].kind`), or that the part is used whole (compared, printed, handed to a
//! native function, or anything the walk does not follow). [`from_typed_fields`] then builds
//! only those parts: a field a script reads is always there, with exactly the value it has in
//! the whole record.
//!
//! [`from_typed_fields`]: super::from_typed_fields

use std::collections::BTreeMap;
use std::fmt;

/// What of one value (the application, a field, a list's items) scripts may read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Everything of it, at every depth.
    all: bool,
    /// The fields read of it, if it is an object, each with what is read of that field.
    fields: BTreeMap<String, Selection>,
    /// What is read of its items, if it is a list.
    items: Option<Box<Selection>>,
}

/// One step from a value to a part of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The field of this name.
    Field(String),
    /// Any item of a list.
    Item,
}

impl Selection {
    /// Everything: what a record of the whole value holds.
    pub fn everything() -> Self {
        Selection {
            all: true,
            ..Selection::default()
        }
    }

    /// Whether everything is selected.
    pub fn is_everything(&self) -> bool {
        self.all
    }

    /// The part at `path`, made if it is not yet selected.
    fn at(&mut self, path: &[Step]) -> &mut Selection {
        let mut node = self;
        for step in path {
            node = match step {
                Step::Field(name) => node.fields.entry(name.clone()).or_default(),
                Step::Item => node.items.get_or_insert_with(Box::default),
            };
        }
        node
    }

    /// Notes that the part at `path` is reached (read, or kept in a variable): selected, but
    /// only what is read of it later is needed. See [`Selection::settle`].
    pub fn reach(&mut self, path: &[Step]) {
        self.at(path);
    }

    /// Notes that the part at `path` is used whole.
    pub fn whole(&mut self, path: &[Step]) {
        self.at(path).all = true;
    }

    /// Ends a script's walk. A part below the top reached with nothing read of it is taken
    /// whole (the walk saw no narrower use), and below a whole part nothing more is noted. The
    /// top with nothing read (a script that never reads `app`) stays empty.
    pub fn settle(&mut self) {
        if self.all {
            *self = Selection::everything();
            return;
        }
        for field in self.fields.values_mut() {
            field.settle_part();
        }
        if let Some(items) = &mut self.items {
            items.settle_part();
        }
    }

    fn settle_part(&mut self) {
        if self.fields.is_empty() && self.items.is_none() {
            self.all = true;
        }
        self.settle();
    }

    /// Adds what `other` selects (of two scripts, what either reads). Both settled.
    pub fn merge(&mut self, other: &Selection) {
        if self.all || other.all {
            *self = Selection::everything();
            return;
        }
        for (name, field) in &other.fields {
            match self.fields.get_mut(name) {
                Some(mine) => mine.merge(field),
                None => {
                    self.fields.insert(name.clone(), field.clone());
                }
            }
        }
        match (&mut self.items, &other.items) {
            (Some(mine), Some(theirs)) => mine.merge(theirs),
            (None, Some(theirs)) => self.items = Some(theirs.clone()),
            _ => {}
        }
    }

    /// What to keep of an object: `None` for every field.
    pub(super) fn object(&self) -> Option<&BTreeMap<String, Selection>> {
        // Only items noted: not an object as far as the walk knows; it is kept whole.
        let listed = self.fields.is_empty() && self.items.is_some();
        (!self.all && !listed).then_some(&self.fields)
    }

    /// What to keep of a list's items: `None` for everything of them.
    pub(super) fn list_items(&self) -> Option<&Selection> {
        if self.all {
            return None;
        }
        self.items.as_deref()
    }
}

/// `*` for everything; else the fields, each followed by `{…}` (what is read of an object)
/// or `[…]` (of a list's items): `budget{requested} partners[kind name]`.
impl fmt::Display for Selection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.all {
            return f.write_str("*");
        }
        let mut first = true;
        for (name, field) in &self.fields {
            if !first {
                f.write_str(" ")?;
            }
            first = false;
            f.write_str(name)?;
            if !field.all {
                if !field.fields.is_empty() {
                    write!(
                        f,
                        "{{{}}}",
                        Selection {
                            items: None,
                            ..field.clone()
                        }
                    )?;
                }
                if let Some(items) = &field.items {
                    write!(f, "[{items}]")?;
                }
            }
        }
        Ok(())
    }
}
