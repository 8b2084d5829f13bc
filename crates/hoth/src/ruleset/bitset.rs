//! A fixed-size bit set over dense ids (indicators, descriptors).
//!
//! Requests are compiled to bit sets so evaluation is a handful of word operations with
//! no allocation and no string hashing. The size is fixed at [`BitSet::CAPACITY`] ids,
//! which is also the ruleset limit on indicators and descriptors.

/// A set of up to 512 dense ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct BitSet([u64; 8]);

impl BitSet {
    /// How many ids fit.
    pub const CAPACITY: usize = 512;

    /// The empty set.
    pub const fn new() -> Self {
        BitSet([0; 8])
    }

    /// The set {0, 1, …, n-1}.
    pub fn first_n(n: usize) -> Self {
        let mut s = BitSet::new();
        for i in 0..n.min(Self::CAPACITY) {
            s.insert(i);
        }
        s
    }

    /// Adds an id (ids at or past capacity are ignored; the validator keeps rulesets below it).
    #[inline]
    pub fn insert(&mut self, i: usize) {
        if i < Self::CAPACITY {
            self.0[i / 64] |= 1 << (i % 64);
        }
    }

    /// True when the id is in the set.
    #[inline]
    pub fn contains(&self, i: usize) -> bool {
        i < Self::CAPACITY && self.0[i / 64] & (1 << (i % 64)) != 0
    }

    /// Ids in both sets.
    #[inline]
    pub fn and(&self, other: &BitSet) -> BitSet {
        let mut out = *self;
        for (a, b) in out.0.iter_mut().zip(other.0.iter()) {
            *a &= *b;
        }
        out
    }

    /// Ids in either set.
    #[inline]
    pub fn or(&self, other: &BitSet) -> BitSet {
        let mut out = *self;
        for (a, b) in out.0.iter_mut().zip(other.0.iter()) {
            *a |= *b;
        }
        out
    }

    /// Ids in `self` but not in `other`.
    #[inline]
    pub fn and_not(&self, other: &BitSet) -> BitSet {
        let mut out = *self;
        for (a, b) in out.0.iter_mut().zip(other.0.iter()) {
            *a &= !*b;
        }
        out
    }

    /// True when no id is in the set.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }

    /// True when the sets share an id.
    #[inline]
    pub fn intersects(&self, other: &BitSet) -> bool {
        self.0.iter().zip(other.0.iter()).any(|(a, b)| a & b != 0)
    }

    /// Number of ids in the set.
    #[inline]
    pub fn len(&self) -> u32 {
        self.0.iter().map(|w| w.count_ones()).sum()
    }

    /// Ids in ascending order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(wi, &w)| {
            let mut word = w;
            std::iter::from_fn(move || {
                if word == 0 {
                    return None;
                }
                let bit = word.trailing_zeros() as usize;
                word &= word - 1;
                Some(wi * 64 + bit)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations() {
        let mut a = BitSet::new();
        a.insert(3);
        a.insert(70);
        a.insert(511);
        a.insert(512); // ignored
        assert_eq!(a.iter().collect::<Vec<_>>(), [3, 70, 511]);
        assert_eq!(a.len(), 3);
        let b = BitSet::first_n(71);
        assert_eq!(a.and(&b).iter().collect::<Vec<_>>(), [3, 70]);
        assert_eq!(a.and_not(&b).iter().collect::<Vec<_>>(), [511]);
        assert!(a.intersects(&b) && !BitSet::new().intersects(&a));
    }
}
