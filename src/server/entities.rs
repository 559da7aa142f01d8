//! SeaORM entities, one module per table of `migrations/`. Relations are enforced by the
//! migrations' foreign keys; queries here join by id explicitly, so no relation fields are declared.

macro_rules! entity_behaviour {
    () => {
        impl ActiveModelBehavior for ActiveModel {}
    };
}

pub mod unit {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "unit")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: crate::domain::UnitId,
        #[sea_orm(unique)]
        pub code: String,
        pub name: String,
        pub parent_id: Option<crate::domain::UnitId>,
        pub kind: crate::domain::unit_tree::UnitKind,
        pub headcount: Option<i32>,
        pub active: bool,
    }
    entity_behaviour!();

    /// The shape of these units' tree, for scope decisions (`subtree`, `covers`, `visible_root`).
    pub fn tree(units: &[Model]) -> crate::domain::unit_tree::TreeShape {
        crate::domain::unit_tree::TreeShape::new(units.iter().map(|u| (u.id, u.parent_id)))
    }
}

pub mod instrument {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "instrument")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub slug: String,
        pub version: i32,
        pub title_id: String,
        pub title_en: String,
        pub scale_points: i16,
        pub published: bool,
        pub created_at: DateTimeUtc,
    }
    entity_behaviour!();
}

pub mod item {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "item")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub instrument_id: i32,
        pub code: String,
        pub discipline: String,
        pub reverse: bool,
        pub position: i32,
        pub text_id: String,
        pub text_en: String,
    }
    entity_behaviour!();
}

pub mod wave {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "wave")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: crate::domain::WaveId,
        #[sea_orm(unique)]
        pub slug: String,
        pub title: String,
        pub instrument_id: i32,
        pub root_unit_id: crate::domain::UnitId,
        pub opens_on: Date,
        pub closes_on: Date,
        pub access: crate::domain::survey::WaveAccess,
        pub kind: crate::domain::survey::WaveKind,
        pub closed_early: bool,
        pub created_at: DateTimeUtc,
        /// The day the wave's results were first shown; from then on it cannot be reopened.
        pub results_shown_on: Option<Date>,
        /// The one dimension the wave's results are broken down by.
        pub breakdown_by: crate::domain::breakdown::BreakdownBy,
    }
    entity_behaviour!();
}

pub mod invitation {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "invitation")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub wave_id: crate::domain::WaveId,
        #[sea_orm(unique)]
        pub token_hash: String,
        pub used: bool,
        pub created_at: DateTimeUtc,
    }
    entity_behaviour!();
}

pub mod response {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "response")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub wave_id: crate::domain::WaveId,
        pub unit_id: crate::domain::UnitId,
        pub submitted_on: Date,
        pub grade_band: Option<String>,
        pub tenure_band: Option<String>,
        pub role_kind: Option<String>,
        pub pairing_code: Option<String>,
        pub score_personal_mastery: Option<f64>,
        pub score_mental_models: Option<f64>,
        pub score_shared_vision: Option<f64>,
        pub score_team_learning: Option<f64>,
        pub score_systems_thinking: Option<f64>,
        pub lo_index: Option<f64>,
        pub favourable_personal_mastery: i16,
        pub answered_personal_mastery: i16,
        pub favourable_mental_models: i16,
        pub answered_mental_models: i16,
        pub favourable_shared_vision: i16,
        pub answered_shared_vision: i16,
        pub favourable_team_learning: i16,
        pub answered_team_learning: i16,
        pub favourable_systems_thinking: i16,
        pub answered_systems_thinking: i16,
        pub comment: Option<String>,
    }
    entity_behaviour!();
}

pub mod submission_nonce {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "submission_nonce")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub nonce: String,
        pub wave_id: crate::domain::WaveId,
        pub used_on: Date,
    }
    entity_behaviour!();
}

pub mod answer {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "answer")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub response_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub item_id: i32,
        pub value: i16,
        pub then_value: Option<i16>,
    }
    entity_behaviour!();
}

pub mod app_user {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "app_user")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub email: String,
        pub display_name: String,
        pub password_hash: String,
        pub role: crate::domain::Role,
        pub scope_unit_id: Option<crate::domain::UnitId>,
        pub active: bool,
        pub created_at: DateTimeUtc,
        pub last_login_at: Option<DateTimeUtc>,
    }
    entity_behaviour!();
}

pub mod password_link {
    use sea_orm::entity::prelude::*;

    /// A one-time link with which a person chooses their own password; only the token's hash is kept.
    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "password_link")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub user_id: i32,
        #[sea_orm(unique)]
        pub token_hash: String,
        /// The admin who made it; `None` from the command line.
        pub created_by: Option<i32>,
        pub created_at: DateTimeUtc,
        pub expires_at: DateTimeUtc,
        pub used_at: Option<DateTimeUtc>,
    }
    entity_behaviour!();
}

pub mod user_session {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "user_session")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id_hash: String,
        pub user_id: i32,
        pub created_at: DateTimeUtc,
        pub expires_at: DateTimeUtc,
    }
    entity_behaviour!();
}

pub mod api_token {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "api_token")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub user_id: i32,
        pub name: String,
        #[sea_orm(unique)]
        pub token_hash: String,
        pub created_at: DateTimeUtc,
        pub last_used_at: Option<DateTimeUtc>,
        pub revoked: bool,
    }
    entity_behaviour!();
}

pub mod workshop {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "workshop")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub title: String,
        pub place: Option<String>,
        pub owner_id: i32,
        pub unit_id: Option<crate::domain::UnitId>,
        pub held_from: Date,
        pub held_to: Date,
        pub then_test: bool,
        pub pre_wave_id: crate::domain::WaveId,
        pub post_wave_id: crate::domain::WaveId,
        pub created_at: DateTimeUtc,
    }
    entity_behaviour!();
}

pub mod action_plan {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "action_plan")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub unit_id: crate::domain::UnitId,
        pub wave_id: crate::domain::WaveId,
        pub focus_discipline: String,
        pub goal: String,
        pub reality: String,
        pub options: String,
        pub way_forward: String,
        pub owner_name: Option<String>,
        pub due_on: Option<Date>,
        pub status: crate::domain::action_plan::PlanStatus,
        pub version: i32,
        pub created_by: i32,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
    entity_behaviour!();
}

pub mod action_plan_update {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "action_plan_update")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub plan_id: i32,
        pub author_id: i32,
        pub note: String,
        pub created_at: DateTimeUtc,
    }
    entity_behaviour!();
}

pub mod audit_log {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "audit_log")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub at: DateTimeUtc,
        pub user_id: Option<i32>,
        pub action: String,
        pub target: String,
        pub details: Option<String>,
    }
    entity_behaviour!();
}

pub mod setting {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "setting")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub key: String,
        pub value: String,
    }
    entity_behaviour!();
}
