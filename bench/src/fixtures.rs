//! `CMUserList` bodies and hand-written serde models of them.

use serde::{Deserialize, Deserializer};

/// Generates the hand-written counterparts of the generated `CmUserList` model, with the
/// same fields and types, plus extra serde attributes on the container and on every field.
///
/// The variants with extra attributes isolate what each of the generated model's two
/// additions costs: the container's `#[serde(default)]` and the per-field `null` handling.
macro_rules! user_list_models {
    (#[$container:meta] #[$field:meta]) => {
        #[derive(Debug, Default, serde::Deserialize)]
        #[$container]
        pub struct UserList {
            #[serde(rename = "userList")]
            #[$field]
            pub user_list: Vec<User>,
            #[serde(rename = "userCount")]
            #[$field]
            pub user_count: i32,
        }

        #[derive(Debug, Default, serde::Deserialize)]
        #[$container]
        pub struct User {
            #[$field]
            pub id: String,
            #[$field]
            pub email: String,
            #[serde(rename = "firstName")]
            #[$field]
            pub first_name: String,
            #[$field]
            pub surname: String,
            #[$field]
            pub roles: Vec<UserRole>,
            #[serde(rename = "operatorKBList")]
            #[$field]
            pub operator_kb_list: Vec<OperatorKnowledgeBase>,
            #[serde(rename = "groupList")]
            #[$field]
            pub group_list: Vec<Group>,
            #[serde(rename = "jwtMatchNameValueCSV")]
            #[$field]
            pub jwt_match_name_value_csv: String,
        }

        #[derive(Debug, Default, serde::Deserialize)]
        #[$container]
        pub struct UserRole {
            #[serde(rename = "organisationId")]
            #[$field]
            pub organisation_id: String,
            #[$field]
            pub role: String,
        }

        #[derive(Debug, Default, serde::Deserialize)]
        #[$container]
        pub struct OperatorKnowledgeBase {
            #[serde(rename = "userId")]
            #[$field]
            pub user_id: String,
            #[serde(rename = "organisationId")]
            #[$field]
            pub organisation_id: String,
            #[serde(rename = "kbId")]
            #[$field]
            pub kb_id: String,
        }

        #[derive(Debug, Default, serde::Deserialize)]
        #[$container]
        pub struct Group {
            #[serde(rename = "organisationId")]
            #[$field]
            pub organisation_id: String,
            #[$field]
            pub name: String,
            #[serde(rename = "originalName")]
            #[$field]
            pub original_name: String,
            #[serde(rename = "userIdList")]
            #[$field]
            pub user_id_list: Vec<String>,
        }
    };
}

/// What a programmer writes by hand: plain derives, every field required.
pub mod plain {
    user_list_models!(#[serde()] #[serde()]);
}

/// [`plain`] plus the container-level `#[serde(default)]` of the generated models.
pub mod defaulted {
    user_list_models!(#[serde(default)] #[serde()]);
}

/// [`plain`] plus the generated models' per-field `null` handling.
pub mod null_tolerant {
    user_list_models!(
        #[serde()]
        #[serde(deserialize_with = "crate::fixtures::null_as_default")]
    );
}

/// The same function as simsage-auth's `runtime::null_as_default`, which is private.
pub fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// Deterministic pseudo-random numbers, so every run decodes the same bytes.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }

    fn guid(&mut self) -> String {
        let a = self.next();
        let b = self.next();
        let c = self.next();
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a & 0xffff_ffff,
            b & 0xffff,
            (b >> 16) & 0xfff,
            0x8000 | (c & 0x3fff),
            (a << 16 ^ c) & 0xffff_ffff_ffff
        )
    }
}

const FIRST_NAMES: [&str; 8] = [
    "Jane", "Rohan", "Mei", "Olusegun", "Chloé", "Tomasz", "Aroha", "Lars",
];
const SURNAMES: [&str; 8] = [
    "Doe", "Iyer", "Chen", "Adeyemi", "Martin", "Nowak", "Ngata", "Jensen",
];
const ROLES: [&str; 4] = ["admin", "manager", "operator", "dms"];
const GROUPS: [&str; 4] = ["Editors", "Finance", "Domain Users", "Support"];

/// Returns a `CMUserList` JSON body with `count` users, as SimSage returns for one page:
/// one to three roles per user, up to two groups with member ids, an occasional
/// knowledge-base assignment and JWT match string.
pub fn user_list_json(count: usize) -> String {
    let mut rng = Lcg(0x005e_ed0f_u64);
    let organisation_id = rng.guid();
    let mut users = Vec::with_capacity(count);
    for index in 0..count {
        let user_id = rng.guid();
        let first = FIRST_NAMES[rng.below(8) as usize];
        let last = SURNAMES[rng.below(8) as usize];
        let roles: Vec<serde_json::Value> = (0..1 + rng.below(3))
            .map(|_| {
                serde_json::json!({
                    "organisationId": organisation_id,
                    "role": ROLES[rng.below(4) as usize],
                })
            })
            .collect();
        let groups: Vec<serde_json::Value> = (0..rng.below(3))
            .map(|_| {
                let name = GROUPS[rng.below(4) as usize];
                let members: Vec<String> = (0..1 + rng.below(3)).map(|_| rng.guid()).collect();
                serde_json::json!({
                    "organisationId": organisation_id,
                    "name": name,
                    "originalName": name,
                    "userIdList": members,
                })
            })
            .collect();
        let knowledge_bases: Vec<serde_json::Value> = if rng.below(5) == 0 {
            vec![serde_json::json!({
                "userId": user_id,
                "organisationId": organisation_id,
                "kbId": rng.guid(),
            })]
        } else {
            Vec::new()
        };
        let jwt_match = if rng.below(4) == 0 {
            format!("upn={}.{}@example.com", first.to_lowercase(), index)
        } else {
            String::new()
        };
        users.push(serde_json::json!({
            "id": user_id,
            "email": format!("{}.{}{}@example.com", first.to_lowercase(), last.to_lowercase(), index),
            "firstName": first,
            "surname": last,
            "roles": roles,
            "operatorKBList": knowledge_bases,
            "groupList": groups,
            "jwtMatchNameValueCSV": jwt_match,
        }));
    }
    serde_json::json!({ "userList": users, "userCount": count * 3 }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_models_decode_the_fixture() {
        let body = user_list_json(50);
        let generated: simsage_auth::types::CmUserList = serde_json::from_str(&body).unwrap();
        let plain: plain::UserList = serde_json::from_str(&body).unwrap();
        let defaulted: defaulted::UserList = serde_json::from_str(&body).unwrap();
        let null_tolerant: null_tolerant::UserList = serde_json::from_str(&body).unwrap();
        assert_eq!(generated.user_list.len(), 50);
        assert_eq!(plain.user_list.len(), 50);
        assert_eq!(defaulted.user_list.len(), 50);
        assert_eq!(null_tolerant.user_list.len(), 50);
        for (generated, plain) in generated.user_list.iter().zip(&plain.user_list) {
            assert_eq!(generated.id, plain.id);
            assert_eq!(generated.roles.len(), plain.roles.len());
            assert_eq!(generated.group_list.len(), plain.group_list.len());
            assert_eq!(
                generated.jwt_match_name_value_csv,
                plain.jwt_match_name_value_csv
            );
        }
    }
}
