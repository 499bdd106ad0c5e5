//! The desktop app's preferences, kept in the library file so that they
//! travel with it. Read often (the article scheme asks on every article
//! opened), written rarely: the last value read or saved is kept in memory.

use super::Library;
use crate::error::{Error, Result};
use crate::store::{read, write};
use crate::view::Settings;

/// The `settings` key of the desktop app's preferences.
const DESKTOP: &str = "desktop";

impl Library {
    /// The desktop app's preferences (defaults until saved), every value in
    /// its range.
    pub fn settings(&self) -> Result<Settings> {
        let mut kept = self.0.settings.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(settings) = kept.as_ref() {
            return Ok(settings.clone());
        }
        let stored = read::setting(&self.reader(), DESKTOP)?;
        let settings = stored.map_or_else(Settings::default, |s| Settings::from_stored(&s));
        *kept = Some(settings.clone());
        Ok(settings)
    }

    /// Saves the desktop app's preferences; returns them as stored (each
    /// value clamped to its range: the engine is the one place that does).
    pub fn save_settings(&self, settings: Settings) -> Result<Settings> {
        let settings = settings.clamped();
        let json = serde_json::to_string(&settings).map_err(|e| Error::Invalid(e.to_string()))?;
        self.write(|tx| write::set_setting(tx, DESKTOP, &json))?;
        *self.0.settings.lock().unwrap_or_else(|p| p.into_inner()) = Some(settings.clone());
        Ok(settings)
    }
}
