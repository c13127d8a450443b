//! `cargo xtask explain`: a rule's or loader code's documentation, the same
//! text the handbook's rule reference shows.

use crate::outcome::{Error, Outcome};

/// 検査ルールまたは読み込みのコードの説明を表示します（例: R003）
#[derive(clap::Args)]
pub struct Args {
    /// コード（R003）またはルールの名前（unknown-reference）
    code: String,
}

pub fn run(a: Args) -> Result<Outcome, Error> {
    let wanted = a.code.to_ascii_lowercase();
    if let Some(m) = sc3_lint::all_rules()
        .into_iter()
        .find(|m| m.code.to_ascii_lowercase() == wanted || m.name == wanted)
    {
        println!(
            "{} {} ({})\n\n{}",
            m.code,
            m.name,
            m.severity.as_str(),
            sc3_lint::docs::markdown(m)
        );
        return Ok(Outcome::Clean);
    }
    if let Some((c, n, s)) = sc3_model::diag::codes::ALL
        .iter()
        .find(|(c, n, _)| c.to_ascii_lowercase() == wanted || *n == wanted)
    {
        println!("{c} {n} (error)\n\n{s}");
        return Ok(Outcome::Clean);
    }
    Err(Error::usage(format!(
        "`{}` という名前の検査ルールもコードもありません。cargo xtask explain --help を見てください",
        a.code
    )))
}
