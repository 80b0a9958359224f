//! Compiles the bundled content (notes, quiz banks, assets) into the binary, so an
//! installed `aws-study` needs no files beside it. Generates `bundled.rs`: a table of
//! (relative path, contents) for every file under `content/` and `assets/`, read
//! through `src/assets.rs`.
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("md" | "json")
        ) {
            out.push(path);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets this"));
    let mut files = Vec::new();
    for top in ["content", "assets"] {
        println!("cargo:rerun-if-changed={top}");
        collect(&manifest.join(top), &mut files);
    }
    let mut src = String::from("pub static BUNDLED: &[(&str, &str)] = &[\n");
    for path in &files {
        let rel = path
            .strip_prefix(&manifest)
            .expect("collected under the manifest dir")
            .to_string_lossy()
            .replace('\\', "/");
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(
            src,
            "    ({rel:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .expect("write to String");
    }
    src.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets this")).join("bundled.rs");
    std::fs::write(out, src).expect("write bundled.rs");
}
