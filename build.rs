//! Embeds the files a fresh handbook starts with (`tebiki new --project`): every
//! file below `templates/`, `hooks/`, `fonts/` and `defaults/project/`, as one
//! generated list of (path in the new project, bytes) — STYLE.md §5. A template
//! added to the repository is embedded without touching any code.

use std::path::Path;

fn main() {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it");
    let root = Path::new(&manifest_dir);
    let mut entries = Vec::new();
    // (folder in the repository, prefix in the new project)
    for (dir, prefix) in [
        ("templates", "templates/"),
        ("hooks", "hooks/"),
        // The PDFs need them, and a fresh handbook must build as it is.
        ("fonts", "fonts/"),
        ("defaults/project", ""),
    ] {
        println!("cargo:rerun-if-changed={dir}");
        collect(&root.join(dir), &root.join(dir), prefix, &mut entries);
    }
    entries.sort();
    let mut code = String::from("&[\n");
    for (rel, abs) in entries {
        code.push_str(&format!("    ({rel:?}, include_bytes!({abs:?})),\n"));
    }
    code.push_str("]\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets it")).join("embedded.rs");
    std::fs::write(out, code).expect("write embedded.rs");
}

fn collect(base: &Path, dir: &Path, prefix: &str, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            collect(base, &path, prefix, out);
        } else if !name.ends_with('~') && name != ".DS_Store" {
            let rel = path.strip_prefix(base).expect("below base");
            let rel = format!("{prefix}{}", rel.to_string_lossy().replace('\\', "/"));
            out.push((rel, path.to_string_lossy().into_owned()));
        }
    }
}
