//! `JitDriver(greens=[...], reds=[...], get_printable_location=f)` at
//! import time: checked here, with the span of each keyword's value.

use super::value::{DriverObj, Obj};
use super::{Loader, R};
use crate::span::Span;
use std::rc::Rc;

/// A keyword argument with the span of its value.
pub(crate) type SpannedKwarg = (String, Obj, Span);

impl Loader {
    pub fn make_driver(&self, args: &[Obj], kwargs: Vec<SpannedKwarg>, span: Span) -> R<Obj> {
        if !args.is_empty() {
            return self.diag(
                span,
                "JitDriver takes keyword arguments only: JitDriver(greens=[...], reds=[...])",
            );
        }
        let (mut greens, mut reds, mut printable, mut virtualizables) = (None, None, None, None);
        for (name, v, at) in kwargs {
            match name.as_str() {
                "greens" => greens = Some(self.name_list("greens", &v, at)?),
                "reds" if matches!(&v, Obj::Str(s) if &**s == b"auto") => {
                    return self.diag(
                        at,
                        "reds='auto' is not supported yet: list the reds, e.g. reds=['frame', 'n']",
                    )
                }
                "reds" => reds = Some(self.name_list("reds", &v, at)?),
                "get_printable_location" => match v {
                    Obj::Func(f) => printable = Some((f, at)),
                    Obj::None => {}
                    _ => return self.diag(at, "get_printable_location must be a function"),
                },
                // RPython's frames-in-registers hint: accepted; the frame
                // stays an ordinary object (correct, not yet faster).
                "virtualizables" => {
                    virtualizables = Some((self.name_list("virtualizables", &v, at)?, at))
                }
                // Accepted and without effect here.
                "name" | "is_recursive" | "check_untranslated" | "vectorize" => {}
                other => {
                    return Err(super::Stop::Diag(
                        crate::diag::Diagnostic::error(
                            at,
                            format!("JitDriver has no argument '{other}'"),
                        )
                        .with_note(
                            "JitDriver takes greens=[...], reds=[...] and get_printable_location=f",
                        ),
                    ))
                }
            }
        }
        let (Some(greens), Some(reds)) = (greens, reds) else {
            return self.diag(span, "JitDriver needs both greens=[...] and reds=[...]");
        };
        if let Some((vs, at)) = &virtualizables {
            if let Some(v) = vs.iter().find(|v| !reds.contains(v)) {
                return self.diag(*at, format!("virtualizable '{v}' must be one of the reds"));
            }
        }
        let mut seen = std::collections::HashSet::new();
        if let Some(n) = greens.iter().chain(&reds).find(|n| !seen.insert(*n)) {
            return self.diag(span, format!("'{n}' is listed twice in the JitDriver"));
        }
        if let Some((f, at)) = &printable {
            let np = f.def.params.len();
            if np != greens.len() {
                return self.diag(
                    *at,
                    format!(
                        "get_printable_location takes {np} parameters, but the driver has {} greens",
                        greens.len()
                    ),
                );
            }
        }
        Ok(Obj::Driver(Rc::new(DriverObj {
            greens,
            reds,
            get_printable_location: printable.map(|p| p.0),
            span,
        })))
    }

    /// `['pc', 'bytecode']`
    fn name_list(&self, what: &str, v: &Obj, at: Span) -> R<Vec<String>> {
        let items = match v {
            Obj::List(l) => l.borrow().clone(),
            Obj::Tuple(t) => t.to_vec(),
            _ => {
                return self.diag(
                    at,
                    format!(
                    "JitDriver {what} must be a list of variable names, e.g. {what}=['pc', 'code']"
                ),
                )
            }
        };
        items
            .iter()
            .map(|i| match i {
                Obj::Str(s) => Ok(String::from_utf8_lossy(s).into_owned()),
                _ => self.diag(at, "expected a variable name as a string, e.g. 'pc'"),
            })
            .collect()
    }
}
