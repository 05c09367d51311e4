//! Tasks that belong to something: the signed-in server's state, a page, a dialog. A task is
//! stopped when what it belongs to is dropped (woken for it at once, and dropped at that
//! wake-up), so whatever resumes after an `.await` finds everything its owner made still there:
//! no read of a disposed signal, no answer about one server landing in another's state. Every
//! task of the panel starts here; clippy refuses the bare `spawn_local` (`clippy.toml`).

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::task::{Context, Poll, Waker};

use leptos::prelude::*;
use leptos::reactive::computed::ScopedFuture;
use leptos::reactive::owner::Owner;

/// Where tasks live: the owner that was being built when this was made (the signed-in server's
/// state, or a page), and the end of it that stops them. Copy, like the signals beside it.
#[derive(Clone, Copy)]
pub struct Tasks(StoredValue<(Owner, Arc<Ending>)>);

/// Whether a scope has ended, and a waker for each of its tasks still running.
#[derive(Default)]
struct Ending {
    ended: AtomicBool,
    running: Mutex<Vec<Weak<Mutex<Option<Waker>>>>>,
}

impl Ending {
    fn has_ended(&self) -> bool {
        self.ended.load(Ordering::Relaxed)
    }

    fn end(&self) {
        self.ended.store(true, Ordering::Relaxed);
        let running = std::mem::take(&mut *self.running.lock().unwrap_or_else(|e| e.into_inner()));
        for task in running.iter().filter_map(Weak::upgrade) {
            if let Some(waker) = task.lock().ok().and_then(|mut w| w.take()) {
                waker.wake();
            }
        }
    }

    /// A place for a new task's waker; those of finished tasks are forgotten here.
    fn enlist(&self) -> Arc<Mutex<Option<Waker>>> {
        let waker = Arc::new(Mutex::new(None));
        if let Ok(mut running) = self.running.lock() {
            running.retain(|task| task.strong_count() > 0);
            running.push(Arc::downgrade(&waker));
        }
        waker
    }
}

impl Tasks {
    /// The tasks of what is being built now; they stop when it is cleaned up.
    pub fn here() -> Tasks {
        let owner = Owner::current().unwrap_or_default();
        let ending = Arc::new(Ending::default());
        let end = ending.clone();
        on_cleanup(move || end.end());
        Tasks(StoredValue::new((owner, ending)))
    }

    /// Runs `work` until it ends or its scope does. Reads are untracked: a task started from
    /// an effect must not make the effect follow what the task reads.
    pub fn spawn(self, work: impl Future<Output = ()> + 'static) {
        let Some((owner, ending)) = self.0.try_get_value() else {
            return; // The scope is gone: nothing of it may start.
        };
        if ending.has_ended() {
            return;
        }
        let waker = ending.enlist();
        let task = Stoppable {
            work: Box::pin(work),
            waker,
            ending,
        };
        let task = owner.with(|| ScopedFuture::new_untracked(task));
        #[allow(clippy::disallowed_methods)] // The one place tasks start.
        leptos::task::spawn_local(task);
    }

    /// Runs `work` here and answers its result to whoever awaits the [`Reply`] — a page that
    /// may be gone by then. `work` learns through its [`Answer`] whether anyone still waits.
    pub fn run<T: 'static, Work>(self, work: impl FnOnce(Answer<T>) -> Work) -> Reply<T>
    where
        Work: Future<Output = ()> + 'static,
    {
        let shared = Rc::new(RefCell::new(Slot {
            value: None,
            waker: None,
        }));
        self.spawn(work(Answer(shared.clone())));
        Reply(shared)
    }

    /// Whether the scope is still there (its tasks run).
    pub fn is_alive(self) -> bool {
        self.0
            .try_with_value(|(_, ending)| !ending.has_ended())
            .unwrap_or(false)
    }
}

/// A task that stops once its scope has ended.
struct Stoppable {
    work: Pin<Box<dyn Future<Output = ()>>>,
    waker: Arc<Mutex<Option<Waker>>>,
    ending: Arc<Ending>,
}

impl Future for Stoppable {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.ending.has_ended() {
            return Poll::Ready(());
        }
        if let Ok(mut waker) = self.waker.lock() {
            *waker = Some(cx.waker().clone());
        }
        self.work.as_mut().poll(cx)
    }
}

struct Slot<T> {
    value: Option<T>,
    waker: Option<Waker>,
}

/// The awaited end of work run in another scope. It never resolves if that work was stopped:
/// then the scope awaiting it has ended too (pages live inside the signed-in server's state).
pub struct Reply<T>(Rc<RefCell<Slot<T>>>);

/// The sending end of a [`Reply`].
pub struct Answer<T>(Rc<RefCell<Slot<T>>>);

impl<T> Answer<T> {
    /// Whether the reply is still awaited (its page is there).
    pub fn awaited(&self) -> bool {
        Rc::strong_count(&self.0) > 1
    }

    /// Hands `value` to the reply; gives it back when nobody awaits it any more, for the
    /// sender to tell otherwise (a toast).
    pub fn send(self, value: T) -> Result<(), T> {
        if !self.awaited() {
            return Err(value);
        }
        let mut slot = self.0.borrow_mut();
        slot.value = Some(value);
        if let Some(waker) = slot.waker.take() {
            waker.wake();
        }
        Ok(())
    }
}

impl<T> Future for Reply<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut slot = self.0.borrow_mut();
        match slot.value.take() {
            Some(value) => Poll::Ready(value),
            None => {
                slot.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}
