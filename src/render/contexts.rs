//! One Tera context per thread of a site build, each a copy of the context
//! every page shares: a page's own values replace the previous page's in it
//! (`Html::render_view`), so the shared values, which hold all the data, are
//! copied once per thread, not once per page or per job.

use std::sync::Mutex;

pub struct Contexts {
    base: tera::Context,
    /// One a thread of rayon's pool, and the last for a caller outside it.
    slots: Vec<Mutex<Option<tera::Context>>>,
}

impl Contexts {
    pub fn new(base: tera::Context) -> Contexts {
        let slots = (0..=rayon::current_num_threads())
            .map(|_| Mutex::new(None))
            .collect();
        Contexts { base, slots }
    }

    /// The shared context, as every page starts from it.
    pub fn base(&self) -> &tera::Context {
        &self.base
    }

    /// Runs `f` with the calling thread's context.
    pub fn with<R>(&self, f: impl FnOnce(&mut tera::Context) -> R) -> R {
        let slot = rayon::current_thread_index()
            .and_then(|i| self.slots.get(i))
            .unwrap_or(&self.slots[self.slots.len() - 1]);
        // A thread already inside `f` (rayon runs other jobs while one waits)
        // finds its context taken, and uses a copy of its own.
        match slot.try_lock() {
            Ok(mut guard) => f(guard.get_or_insert_with(|| self.base.clone())),
            Err(_) => f(&mut self.base.clone()),
        }
    }
}
