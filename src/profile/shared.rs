//! Tables a profile shares with the profiles refined from it (copy on write), and the
//! heap accounting that counts only what a profile owns.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

/// A value behind an [`Arc`], shared by a profile and the profiles filtered from it:
/// reading goes straight through (it derefs to the value), writing copies the value
/// first when another profile holds it too (as [`Arc::make_mut`]).
///
/// A `Shared` made by [`Shared::share`] is *borrowed*: another profile owns the value,
/// so [`Shared::owned_bytes`] counts nothing for it while that profile holds it too, and
/// once it is written to (it is then this profile's own copy).
pub struct Shared<T> {
    value: Arc<T>,
    borrowed: bool,
}

impl<T> Shared<T> {
    /// Owns `value`.
    pub fn new(value: T) -> Self {
        Self {
            value: Arc::new(value),
            borrowed: false,
        }
    }

    /// The same value, borrowed from this one (no copy).
    pub fn share(&self) -> Self {
        Self {
            value: self.value.clone(),
            borrowed: true,
        }
    }

    /// Whether `a` and `b` are the same value in memory.
    pub fn ptr_eq(a: &Self, b: &Self) -> bool {
        Arc::ptr_eq(&a.value, &b.value)
    }

    /// Whether the value is another profile's (made by [`Shared::share`], not written to
    /// since).
    pub fn is_borrowed(&self) -> bool {
        self.borrowed
    }
}

impl<T: HeapSize> Shared<T> {
    /// The heap bytes of the value, or 0 when it is borrowed from a holder still alive.
    pub fn owned_bytes(&self) -> usize {
        if self.borrowed && Arc::strong_count(&self.value) > 1 {
            0
        } else {
            self.value.heap_bytes()
        }
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: Clone> DerefMut for Shared<T> {
    /// The value to change: copied first if another profile shares it.
    fn deref_mut(&mut self) -> &mut T {
        self.borrowed = false;
        Arc::make_mut(&mut self.value)
    }
}

impl<T> Clone for Shared<T> {
    /// Another handle on the same value, borrowed when this one is.
    fn clone(&self) -> Self {
        Self {
            value: self.value.clone(),
            borrowed: self.borrowed,
        }
    }
}

impl<T: Default> Default for Shared<T> {
    fn default() -> Self {
        Self::new(T::default())
    }
}

impl<T: PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Self::ptr_eq(self, other) || *self.value == *other.value
    }
}

impl<T: Eq> Eq for Shared<T> {}

impl<T: fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl<T> From<Vec<T>> for Shared<Vec<T>> {
    fn from(v: Vec<T>) -> Self {
        Self::new(v)
    }
}

impl<T> FromIterator<T> for Shared<Vec<T>> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Self::new(iter.into_iter().collect())
    }
}

impl<'a, T> IntoIterator for &'a Shared<Vec<T>> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.value.iter()
    }
}

impl<'a, T: Clone> IntoIterator for &'a mut Shared<Vec<T>> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;

    /// The items to change: copied first if another profile shares them.
    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

/// The heap memory a value holds beyond its own size.
pub trait HeapSize {
    /// Bytes allocated on the heap by this value (its capacity, not only its length).
    fn heap_bytes(&self) -> usize;
}

macro_rules! no_heap {
    ($($t:ty),*) => {
        $(impl HeapSize for $t {
            fn heap_bytes(&self) -> usize {
                0
            }
        })*
    };
}

no_heap!(u32, u64, i64);

impl HeapSize for String {
    fn heap_bytes(&self) -> usize {
        self.capacity()
    }
}

impl<T: HeapSize> HeapSize for Vec<T> {
    fn heap_bytes(&self) -> usize {
        self.capacity() * size_of::<T>() + self.iter().map(T::heap_bytes).sum::<usize>()
    }
}

impl<T: HeapSize> HeapSize for Option<T> {
    fn heap_bytes(&self) -> usize {
        self.as_ref().map_or(0, T::heap_bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writing_a_shared_table_copies_it_and_makes_it_owned() {
        let mut a: Shared<Vec<u32>> = vec![1, 2, 3].into();
        let mut b = a.share();
        assert!(Shared::ptr_eq(&a, &b) && b.is_borrowed() && !a.is_borrowed());
        assert_eq!(b.owned_bytes(), 0);
        assert_eq!(a.owned_bytes(), a.capacity() * 4);
        b.push(4);
        assert!(!Shared::ptr_eq(&a, &b) && !b.is_borrowed());
        assert_eq!(*a, [1, 2, 3]);
        assert_eq!(*b, [1, 2, 3, 4]);
        assert!(b.owned_bytes() >= 16);
        // The only holder writes in place.
        let before = a.as_ptr();
        a[0] = 9;
        assert_eq!(a.as_ptr(), before);
    }

    #[test]
    fn heap_bytes_count_strings_inside() {
        let v: Vec<String> = vec!["abc".into(), String::with_capacity(10)];
        assert_eq!(v.heap_bytes(), v.capacity() * size_of::<String>() + 3 + 10);
    }
}
