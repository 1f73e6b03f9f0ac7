//! The `RPYGC` environment variable, parsed once: comma-separated
//! `stats` (print statistics at exit) and `stress=N` (collect on every
//! N-th allocation).

use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Config {
    pub stats: bool,
    /// Collect on every N-th allocation (0: never forced).
    pub stress: u64,
}

impl Config {
    pub fn parse(text: &str) -> Config {
        let mut config = Config::default();
        for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            match item.split_once('=') {
                None if item == "stats" => config.stats = true,
                Some(("stress", n)) if n.parse::<u64>().is_ok() => {
                    config.stress = n.parse().unwrap_or(0)
                }
                _ => eprintln!("rpy gc: ignoring RPYGC item {item:?}"),
            }
        }
        config
    }
}

/// The configuration from `RPYGC` (read on first use).
pub fn config() -> Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    *CONFIG.get_or_init(|| Config::parse(&std::env::var("RPYGC").unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::Config;

    #[test]
    fn parses_items() {
        assert_eq!(Config::parse(""), Config::default());
        assert_eq!(
            Config::parse("stats,stress=50"),
            Config {
                stats: true,
                stress: 50
            }
        );
        assert_eq!(Config::parse("stress=x").stress, 0);
    }
}
