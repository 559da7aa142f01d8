//! Cronbach's α per discipline of a wave as an account's scope may see it, decided on the complete
//! cases per unit over the whole wave.

use crate::domain::Discipline;
use crate::domain::UnitId;
use crate::domain::WaveId;
use crate::domain::disclosure::shown_units;
use crate::domain::reliability::AlphaSums;
use crate::domain::unit_tree::TreeShape;
use crate::error::AppError;
use crate::server::repo::sums::alpha::sums_per_unit;
use sea_orm::ConnectionTrait;

/// Cronbach's α per discipline of wave `id` on complete cases of the units an account with `scope`
/// sees of it. α rests on the complete cases, so it is decided on their count per unit over the whole
/// wave (docs/DESIGN.md §5): an α of a scope is shown only where the complete cases of the whole
/// organisation minus those of the scope cannot single out a small unit.
pub async fn wave_alphas(
    db: &impl ConnectionTrait,
    id: WaveId,
    scope: Option<UnitId>,
) -> Result<crate::dto::ReliabilityDto, AppError> {
    use crate::domain::reliability::LOW_ALPHA;
    use crate::server::repo::{settings, waves};
    let (wave, all, in_wave, start) = crate::server::reports::scope::wave_in_scope(db, id, scope).await?;
    let visible = crate::server::entities::unit::tree(&all).subtree(Some(start));
    let per_unit = sums_per_unit(db, wave.id).await?;
    waves::note_results_shown(db, &wave, chrono::Utc::now().date_naive()).await?;
    let released =
        waves::release_of(&wave, chrono::Utc::now().date_naive()) == crate::domain::disclosure::Release::Results;
    let k = settings::min_group_size(db).await?;
    let shape = TreeShape::new(
        all.iter()
            .filter(|u| in_wave.contains(&u.id))
            .map(|u| (u.id, u.parent_id.filter(|_| u.id != wave.root_unit_id))),
    );
    let disciplines = Discipline::ALL
        .into_iter()
        .map(|d| {
            let mut complete = AlphaSums::default();
            for (_, sums) in per_unit.iter().filter(|(u, _)| visible.contains(u)) {
                complete.add(&sums[d.index()]);
            }
            let cases = |u: UnitId| per_unit.get(&u).map_or(0, |s| s[d.index()].n);
            let shown = released && shown_units(&shape, cases, k).contains(&start);
            let alpha = if shown { complete.alpha() } else { None };
            let dto = crate::dto::AlphaDto {
                alpha,
                n_complete: shown.then_some(complete.n),
                low: alpha.is_some_and(|a| a < LOW_ALPHA),
            };
            (d.code().to_string(), dto)
        })
        .collect();
    Ok(crate::dto::ReliabilityDto { wave: crate::server::reports::wave_ref(wave), min_group_size: k, disciplines })
}
