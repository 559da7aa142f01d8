//! Who may use which part of Mawas. Every server function and API handler asks these questions
//! on the server; the navigation only mirrors them.

use serde::{Deserialize, Serialize};

use super::codes::coded_enum;

coded_enum! {
    /// Role of an account. Respondents have no account.
    pub enum Role {
        Admin = "admin",
        Hr = "hr",
        Trainer = "trainer",
    }
}

/// A part of the application behind a login, with its own pages under `/{code}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Area {
    Admin,
    Hr,
    Trainer,
}

impl Role {
    /// Where this role lands after logging in.
    pub fn home_area(self) -> Area {
        match self {
            Role::Admin => Area::Admin,
            Role::Hr => Area::Hr,
            Role::Trainer => Area::Trainer,
        }
    }

    /// Whether the role may use an area. Admin sees everything (docs/DESIGN.md §1); HR and trainers
    /// only their own part, so a trainer never reaches unit results.
    pub fn may_use(self, area: Area) -> bool {
        matches!((self, area), (Role::Admin, _) | (Role::Hr, Area::Hr) | (Role::Trainer, Area::Trainer))
    }
}

impl Area {
    /// Every area, in navigation order.
    pub const ALL: [Area; 3] = [Area::Hr, Area::Trainer, Area::Admin];

    /// Path prefix of the area's pages.
    pub fn path(self) -> &'static str {
        match self {
            Area::Admin => "/admin",
            Area::Hr => "/hr",
            Area::Trainer => "/trainer",
        }
    }

    /// The area a request path belongs to, if it is behind a login.
    pub fn of_path(path: &str) -> Option<Area> {
        Self::ALL.into_iter().find(|a| {
            let p = a.path();
            path == p || path.strip_prefix(p).is_some_and(|rest| rest.starts_with('/'))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_uses_every_area_and_the_others_only_their_own() {
        for area in Area::ALL {
            assert!(Role::Admin.may_use(area));
        }
        assert!(Role::Hr.may_use(Area::Hr));
        assert!(!Role::Hr.may_use(Area::Admin));
        assert!(!Role::Hr.may_use(Area::Trainer));
        assert!(Role::Trainer.may_use(Area::Trainer));
        assert!(!Role::Trainer.may_use(Area::Hr));
        assert!(!Role::Trainer.may_use(Area::Admin));
    }

    #[test]
    fn paths_map_to_areas_without_prefix_confusion() {
        assert_eq!(Area::of_path("/hr"), Some(Area::Hr));
        assert_eq!(Area::of_path("/hr/waves/3"), Some(Area::Hr));
        assert_eq!(Area::of_path("/hrx"), None);
        assert_eq!(Area::of_path("/trainer/"), Some(Area::Trainer));
        assert_eq!(Area::of_path("/"), None);
        assert_eq!(Area::of_path("/login"), None);
    }
}
