//! A safe wrapper over one Tesseract `TessBaseAPI` handle.
//!
//! One [`Engine`] is owned by one worker thread (see [`super::with_engine`]);
//! it is `Send` but deliberately not `Sync`.

use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::ptr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::cancel::CancelToken;
use tesseract_sys as sys;

/// One initialised Tesseract engine.
pub struct Engine {
    handle: *mut sys::TessBaseAPI,
}

// The handle is only ever used by the thread that owns the Engine.
unsafe impl Send for Engine {}

/// Why a recognition failed.
#[derive(Debug)]
pub enum EngineError {
    Init(String),
    Recognize,
    Timeout,
    Cancelled,
}

/// The version of the libtesseract this process has loaded ("5.3.0"),
/// from its C API: the library in use, not the headers built against.
pub fn tesseract_version() -> String {
    // SAFETY: TessVersion returns a pointer to a static NUL-terminated string.
    let v = unsafe { sys::TessVersion() };
    if v.is_null() {
        return "unknown".into();
    }
    unsafe { CStr::from_ptr(v) }.to_string_lossy().into_owned()
}

/// Tesseract's monitor polls this: `this` is the [`AtomicBool`] of the
/// caller's [`CancelToken`], set with `TessMonitorSetCancelThis`.
unsafe extern "C" fn cancel_func(this: *mut c_void, _words: c_int) -> bool {
    // SAFETY: `this` points at the flag of a token borrowed for the whole
    // recognition (see `recognize_gray`).
    this.cast::<AtomicBool>()
        .as_ref()
        .is_some_and(|f| f.load(Ordering::Relaxed))
}

/// Held while an engine loads its models. Loading the `Latin` model holds
/// the whole file (89 MB) and a copy of its word list (89 MB) for a moment
/// beside the list itself (89 MB, which Tesseract's dawg cache then shares
/// between the engines of a process); OCR threads that each loaded their
/// engine at the same time stacked those moments. With two threads, a
/// worker peaked at 604 MB on a two-page 64x64 TIFF (680 MB on
/// `ks_clean.pdf`), one engine at a time at 473 MB (530 MB): BENCHMARKS.md,
/// "Start-up memory of a worker".
static LOADING: std::sync::Mutex<()> = std::sync::Mutex::new(());

impl Engine {
    /// Load the models for `lang` ("swe+eng") from `datapath` (None: the
    /// system's tessdata).
    pub fn new(datapath: Option<&str>, lang: &str) -> Result<Self, EngineError> {
        let lang_c = CString::new(lang).map_err(|_| EngineError::Init("bad --lang".into()))?;
        let dp_c = match datapath {
            Some(p) => {
                Some(CString::new(p).map_err(|_| EngineError::Init("bad --tessdata".into()))?)
            }
            None => None,
        };
        // One engine loads at a time (see `LOADING`).
        let _loading = LOADING.lock().unwrap_or_else(|e| e.into_inner());
        unsafe {
            let handle = sys::TessBaseAPICreate();
            if handle.is_null() {
                return Err(EngineError::Init("cannot create engine".into()));
            }
            let rc = sys::TessBaseAPIInit3(
                handle,
                dp_c.as_ref().map_or(ptr::null(), |c| c.as_ptr()),
                lang_c.as_ptr(),
            );
            if rc != 0 {
                sys::TessBaseAPIDelete(handle);
                return Err(EngineError::Init(format!(
                    "cannot load Tesseract language data '{lang}' (install it: \
                     scripts/setup-debian.sh, or e.g. tesseract-ocr-swe; see --tessdata)"
                )));
            }
            // Word spacing in tables and headers matters for segmentation.
            let k = CString::new("preserve_interword_spaces").unwrap();
            let v = CString::new("1").unwrap();
            sys::TessBaseAPISetVariable(handle, k.as_ptr(), v.as_ptr());
            Ok(Engine { handle })
        }
    }

    /// Recognise an 8-bit grayscale image; returns Tesseract's TSV output.
    /// Stops early when `cancel` is cancelled.
    pub fn recognize_gray(
        &mut self,
        pixels: &[u8],
        width: u32,
        height: u32,
        dpi: Option<u32>,
        timeout: Option<Duration>,
        cancel: &CancelToken,
    ) -> Result<String, EngineError> {
        unsafe {
            self.set_image(pixels, width, height, dpi);
            let monitor = sys::TessMonitorCreate();
            sys::TessMonitorSetCancelFunc(monitor, Some(cancel_func));
            let flag: *const AtomicBool = cancel.flag();
            sys::TessMonitorSetCancelThis(monitor, flag.cast_mut().cast());
            if let Some(t) = timeout {
                let ms = t.as_millis().clamp(1, i32::MAX as u128) as c_int;
                sys::TessMonitorSetDeadlineMSecs(monitor, ms);
            }
            let started = std::time::Instant::now();
            let rc = sys::TessBaseAPIRecognize(self.handle, monitor);
            sys::TessMonitorDelete(monitor);
            if rc != 0 {
                sys::TessBaseAPIClear(self.handle);
                if cancel.is_cancelled() {
                    return Err(EngineError::Cancelled);
                }
                if timeout.is_some_and(|t| started.elapsed() >= t) {
                    return Err(EngineError::Timeout);
                }
                return Err(EngineError::Recognize);
            }
            if timeout.is_some_and(|t| started.elapsed() >= t) {
                // Tesseract stops early at the deadline and may still return 0.
                sys::TessBaseAPIClear(self.handle);
                return Err(EngineError::Timeout);
            }
            let tsv = sys::TessBaseAPIGetTsvText(self.handle, 0);
            let out = take_text(tsv);
            sys::TessBaseAPIClear(self.handle);
            out.ok_or(EngineError::Recognize)
        }
    }
}

impl Engine {
    /// An engine for orientation detection only (`osd.traineddata`).
    pub fn new_osd(datapath: Option<&str>) -> Result<Self, EngineError> {
        let e = Engine::new(datapath, "osd")?;
        unsafe { sys::TessBaseAPISetPageSegMode(e.handle, sys::TessPageSegMode_PSM_OSD_ONLY) };
        Ok(e)
    }

    /// Tesseract's orientation and script detection on an 8-bit grayscale
    /// image: the page's orientation in degrees (0, 90, 180, 270,
    /// counter-clockwise, as Tesseract reports it) and its confidence; None
    /// when there is too little text to tell.
    pub fn detect_orientation(
        &mut self,
        pixels: &[u8],
        width: u32,
        height: u32,
        dpi: Option<u32>,
    ) -> Option<(u32, f32)> {
        unsafe {
            self.set_image(pixels, width, height, dpi);
            let (mut deg, mut conf, mut sconf) = (0 as c_int, 0f32, 0f32);
            let mut script: *const c_char = ptr::null();
            let ok = sys::TessBaseAPIDetectOrientationScript(
                self.handle,
                &mut deg,
                &mut conf,
                &mut script,
                &mut sconf,
            );
            sys::TessBaseAPIClear(self.handle);
            (ok != 0).then(|| ((deg.rem_euclid(360)) as u32, conf))
        }
    }

    /// Recognise one region (a table cell) of an 8-bit grayscale image as a
    /// single block of text (`line`: as a single line). Returns the text and
    /// the mean confidence 0..100.
    pub fn recognize_region(
        &mut self,
        pixels: &[u8],
        width: u32,
        height: u32,
        dpi: Option<u32>,
        rect: [u32; 4],
        line: bool,
    ) -> Option<(String, i32)> {
        unsafe {
            self.set_image(pixels, width, height, dpi);
            let mode = if line {
                sys::TessPageSegMode_PSM_SINGLE_LINE
            } else {
                sys::TessPageSegMode_PSM_SINGLE_BLOCK
            };
            // Page reads keep the mode they had (the library's default,
            // single block): a region read must not change how the next
            // page of this engine is segmented.
            let page_mode = sys::TessBaseAPIGetPageSegMode(self.handle);
            sys::TessBaseAPISetPageSegMode(self.handle, mode);
            sys::TessBaseAPISetRectangle(
                self.handle,
                rect[0] as c_int,
                rect[1] as c_int,
                rect[2] as c_int,
                rect[3] as c_int,
            );
            let text = take_text(sys::TessBaseAPIGetUTF8Text(self.handle));
            let conf = sys::TessBaseAPIMeanTextConf(self.handle);
            sys::TessBaseAPIClear(self.handle);
            sys::TessBaseAPISetPageSegMode(self.handle, page_mode);
            text.map(|t| (t, conf))
        }
    }
}

unsafe fn take_text(p: *mut c_char) -> Option<String> {
    if p.is_null() {
        return None;
    }
    let s = CStr::from_ptr(p).to_string_lossy().into_owned();
    sys::TessDeleteText(p);
    Some(s)
}

impl Engine {
    /// Hand Tesseract an 8-bit grayscale image (and its resolution, when
    /// known) for the next call.
    ///
    /// # Safety
    /// `pixels` must stay alive and unchanged until the engine is cleared
    /// (`TessBaseAPIClear`), as Tesseract reads it in place.
    unsafe fn set_image(&mut self, pixels: &[u8], width: u32, height: u32, dpi: Option<u32>) {
        assert_eq!(pixels.len(), width as usize * height as usize);
        sys::TessBaseAPISetImage(
            self.handle,
            pixels.as_ptr(),
            width as c_int,
            height as c_int,
            1,
            width as c_int,
        );
        if let Some(d) = dpi {
            sys::TessBaseAPISetSourceResolution(self.handle, d.clamp(70, 2400) as c_int);
        }
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        unsafe {
            sys::TessBaseAPIEnd(self.handle);
            sys::TessBaseAPIDelete(self.handle);
        }
    }
}
