//! The four entity labels of DESIGN §3.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Label {
    Person,
    Country,
    Organization,
    Location,
}

impl Label {
    pub const ALL: [Label; 4] = [Label::Person, Label::Country, Label::Organization, Label::Location];

    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Country => "COUNTRY",
            Label::Organization => "ORGANIZATION",
            Label::Location => "LOCATION",
        }
    }

    /// Bit for label sets.
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown label {0:?} (expected PERSON, COUNTRY, ORGANIZATION or LOCATION)")]
pub struct UnknownLabel(pub String);

impl FromStr for Label {
    type Err = UnknownLabel;

    /// Accepts the four labels in any case, and the short CoNLL forms PER/ORG/LOC for convenience.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().as_str() {
            "PERSON" | "PER" => Ok(Label::Person),
            "COUNTRY" => Ok(Label::Country),
            "ORGANIZATION" | "ORGANISATION" | "ORG" => Ok(Label::Organization),
            "LOCATION" | "LOC" => Ok(Label::Location),
            _ => Err(UnknownLabel(s.to_string())),
        }
    }
}

/// A set of labels, as selected with `--labels`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelSet(u8);

impl LabelSet {
    pub fn all() -> Self {
        LabelSet(0b1111)
    }

    pub fn empty() -> Self {
        LabelSet(0)
    }

    pub fn insert(&mut self, l: Label) {
        self.0 |= l.bit();
    }

    pub fn contains(self, l: Label) -> bool {
        self.0 & l.bit() != 0
    }
}

impl Default for LabelSet {
    fn default() -> Self {
        Self::all()
    }
}

impl FromStr for LabelSet {
    type Err = UnknownLabel;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut set = LabelSet::empty();
        for part in s.split(',').filter(|p| !p.trim().is_empty()) {
            set.insert(part.parse()?);
        }
        if set.0 == 0 {
            return Err(UnknownLabel(s.to_string()));
        }
        Ok(set)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_labels() {
        assert_eq!("person".parse::<Label>(), Ok(Label::Person));
        assert_eq!("ORG".parse::<Label>(), Ok(Label::Organization));
        assert!("CITY".parse::<Label>().is_err());
        let set: LabelSet = "PERSON,COUNTRY".parse().unwrap();
        assert!(set.contains(Label::Person) && set.contains(Label::Country));
        assert!(!set.contains(Label::Location));
        assert!("".parse::<LabelSet>().is_err());
    }
}
