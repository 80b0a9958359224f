//! The evaluator on the worked examples of the pages each rule rests on, and on cases
//! beyond the acceptance file (per layer, per principal type). Each test names its page.
use serde_json::{Value, json};

use super::*;
use crate::iam::case::parse_cases;
use crate::lang::Lang;

const A: &str = "111122223333";
const B: &str = "444455556666";

fn allow(action: &str, resource: &str) -> Value {
    json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": resource}]})
}

fn user(name: &str, acct: &str) -> Value {
    json!({"arn": format!("arn:aws:iam::{acct}:user/{name}"), "type": "user", "account": acct})
}

fn run(principal: Value, action: &str, resource: &str, policies: Value) -> Outcome {
    run_ctx(principal, action, resource, json!({}), policies)
}

fn run_ctx(
    principal: Value,
    action: &str,
    resource: &str,
    context: Value,
    policies: Value,
) -> Outcome {
    let case = json!({"id": "t", "principal": principal,
        "request": {"action": action, "resource": resource, "context": context}, "policies": policies});
    let c = parse_cases(&case.to_string())
        .expect("case parses")
        .remove(0);
    evaluate(&c)
}

fn is(o: &Outcome, d: Decision, l: Layer) {
    assert_eq!((o.decision, o.decided_by), (d, l), "{:?}", o.reason);
}

const BUCKET_OBJ: &str = "arn:aws:s3:::amzn-s3-demo-bucket/report.txt";

// "Policy evaluation for requests within a single account", Carlos's example: his
// identity policy allows his own bucket and denies anything named *log*.
#[test]
fn single_account_carlos_example() {
    let p = json!({"identity": [{"Version": "2012-10-17", "Statement": [
        {"Sid": "AllowS3Self", "Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::carlossalazar/*", "arn:aws:s3:::carlossalazar"]},
        {"Sid": "DenyS3Logs", "Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::*log*"}]}]});
    let u = user("carlossalazar", "123456789012");
    is(
        &run(
            u.clone(),
            "s3:PutObject",
            "arn:aws:s3:::carlossalazar/notes.txt",
            p.clone(),
        ),
        Decision::Allow,
        Layer::Identity,
    );
    is(
        &run(
            u,
            "s3:PutObject",
            "arn:aws:s3:::carlossalazar-logs/notes.txt",
            p,
        ),
        Decision::ExplicitDeny,
        Layer::Identity,
    );
}

// "Cross-account policy evaluation logic": Carlos in 111111111111 writes to the
// Production bucket in 222222222222, whose policy trusts his account.
#[test]
fn cross_account_both_sides_allow() {
    let p = json!({"identity": [allow("s3:*Object*", "arn:aws:s3:::Production/*")],
        "resource": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111111111111"},
            "Action": "s3:*", "Resource": "arn:aws:s3:::Production/*"}]}});
    let mut principal = user("carlossalazar", "111111111111");
    let case = |principal: &Value, p: &Value| {
        let c = json!({"principal": principal, "request": {"action": "s3:PutObject",
            "resource": "arn:aws:s3:::Production/notes.txt", "resource_account": "222222222222"}, "policies": p});
        evaluate(&parse_cases(&c.to_string()).unwrap()[0])
    };
    let o = case(&principal, &p);
    is(&o, Decision::Allow, Layer::Resource);
    assert!(o.cross_account);
    // Without the identity side, the resource side alone is not enough.
    let mut only_resource = p.clone();
    only_resource["identity"] = json!([]);
    is(
        &case(&principal, &only_resource),
        Decision::ImplicitDeny,
        Layer::Identity,
    );
    // A user of a third account is not trusted.
    principal = user("mallory", "333333333333");
    is(
        &case(&principal, &p),
        Decision::ImplicitDeny,
        Layer::Resource,
    );
}

// "Permissions boundaries for IAM entities", resource-based policies: a grant to the
// user ARN is not limited by the boundary; a grant to the role ARN is (for a session
// of that role); a grant to the session ARN is not.
#[test]
fn boundaries_and_resource_grants_per_principal_type() {
    let boundary = allow("ec2:*", "*");
    let session = json!({"arn": format!("arn:aws:sts::{A}:assumed-role/Ops/s1"), "type": "assumed-role",
        "account": A, "parent_arn": format!("arn:aws:iam::{A}:role/Ops")});
    let grant = |who: &str| {
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"AWS": who}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]})
    };
    let o = run(
        user("shirley", A),
        "s3:GetObject",
        BUCKET_OBJ,
        json!({"resource": grant(&format!("arn:aws:iam::{A}:user/shirley")), "permissions_boundary": boundary}),
    );
    is(&o, Decision::Allow, Layer::Resource);
    let o = run(
        session.clone(),
        "s3:GetObject",
        BUCKET_OBJ,
        json!({"resource": grant(&format!("arn:aws:iam::{A}:role/Ops")), "permissions_boundary": boundary}),
    );
    is(&o, Decision::ImplicitDeny, Layer::Boundary);
    let o = run(
        session.clone(),
        "s3:GetObject",
        BUCKET_OBJ,
        json!({"resource": grant(&format!("arn:aws:sts::{A}:assumed-role/Ops/s1")), "permissions_boundary": boundary}),
    );
    is(&o, Decision::Allow, Layer::Resource);
    // A role ARN grant within the boundary and with no session policy is allowed.
    let o = run(
        session,
        "s3:GetObject",
        BUCKET_OBJ,
        json!({"resource": grant(&format!("arn:aws:iam::{A}:role/Ops")), "permissions_boundary": allow("s3:*", "*")}),
    );
    is(&o, Decision::Allow, Layer::Resource);
    // Identity and boundary both allow: the identity policy granted.
    let o = run(
        user("shirley", A),
        "ec2:RunInstances",
        "*",
        json!({"identity": [allow("ec2:*", "*")], "permissions_boundary": boundary}),
    );
    is(&o, Decision::Allow, Layer::Identity);
}

// "Session policies" and "Permissions for GetFederationToken": a federated user
// session without a session policy has no permissions from the user's policies, but
// a resource-based policy naming the session grants.
#[test]
fn federated_sessions_need_a_session_policy() {
    let fed = json!({"arn": format!("arn:aws:sts::{A}:federated-user/bob"), "type": "federated",
        "account": A, "parent_arn": format!("arn:aws:iam::{A}:user/bob")});
    let o = run(
        fed.clone(),
        "s3:GetObject",
        BUCKET_OBJ,
        json!({"identity": [allow("s3:*", "*")]}),
    );
    is(&o, Decision::ImplicitDeny, Layer::Session);
    let o = run(
        fed.clone(),
        "s3:GetObject",
        BUCKET_OBJ,
        json!({"identity": [allow("s3:*", "*")], "session": allow("s3:GetObject", "*")}),
    );
    is(&o, Decision::Allow, Layer::Identity);
    let o = run(
        fed,
        "s3:GetObject",
        BUCKET_OBJ,
        json!({"resource": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": format!("arn:aws:sts::{A}:federated-user/bob")},
         "Action": "s3:GetObject", "Resource": "*"}]}}),
    );
    is(&o, Decision::Allow, Layer::Resource);
}

// "AWS JSON policy elements: NotPrincipal": the exempted principal's account must be
// listed too, and a Deny with NotPrincipal always applies to a principal with a
// permissions boundary.
#[test]
fn not_principal_needs_the_account_and_ignores_boundaries() {
    let deny_all_but = |listed: Value| {
        json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "NotPrincipal": {"AWS": listed}, "Action": "s3:*", "Resource": "*"},
        {"Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{A}:user/Bob")}, "Action": "s3:*", "Resource": "*"}]})
    };
    let bob = format!("arn:aws:iam::{A}:user/Bob");
    let root = format!("arn:aws:iam::{A}:root");
    let o = run(
        user("Bob", A),
        "s3:GetObject",
        BUCKET_OBJ,
        json!({"resource": deny_all_but(json!([bob, root]))}),
    );
    is(&o, Decision::Allow, Layer::Resource);
    let o = run(
        user("Bob", A),
        "s3:GetObject",
        BUCKET_OBJ,
        json!({"resource": deny_all_but(json!([bob]))}),
    );
    is(&o, Decision::ExplicitDeny, Layer::Resource);
    let o = run(
        user("Bob", A),
        "s3:GetObject",
        BUCKET_OBJ,
        json!({"resource": deny_all_but(json!([bob, root])), "permissions_boundary": allow("s3:*", "*")}),
    );
    is(&o, Decision::ExplicitDeny, Layer::Resource);
    let o = run(
        user("Alice", A),
        "s3:GetObject",
        BUCKET_OBJ,
        json!({"resource": deny_all_but(json!([bob, root]))}),
    );
    is(&o, Decision::ExplicitDeny, Layer::Resource);
}

// "Service control policies (SCPs)": SCPs do not affect the management account or
// service-linked roles; every level must allow; they bind the root user of a member.
#[test]
fn scps_exemptions_and_levels() {
    let scps = json!([[allow("*", "*")], [allow("ec2:*", "*")]]);
    let mut mgmt = user("admin", A);
    mgmt["in_management_account"] = json!(true);
    let p = json!({"identity": [allow("*", "*")], "scps": scps});
    is(
        &run(mgmt, "s3:GetObject", BUCKET_OBJ, p.clone()),
        Decision::Allow,
        Layer::Identity,
    );
    let o = run(user("admin", A), "s3:GetObject", BUCKET_OBJ, p.clone());
    is(&o, Decision::ImplicitDeny, Layer::Scp);
    assert_eq!(
        o.reason,
        Reason::LevelNoAllow {
            layer: Layer::Scp,
            level: 1
        }
    );
    let slr = json!({"arn": format!("arn:aws:sts::{A}:assumed-role/AWSServiceRoleForX/s"), "type": "assumed-role",
        "account": A, "parent_arn": format!("arn:aws:iam::{A}:role/aws-service-role/x.amazonaws.com/AWSServiceRoleForX"),
        "service_linked_role": true});
    is(
        &run(slr, "s3:GetObject", BUCKET_OBJ, p),
        Decision::Allow,
        Layer::Identity,
    );
    let root = json!({"arn": format!("arn:aws:iam::{A}:root"), "type": "root", "account": A});
    is(
        &run(root.clone(), "s3:GetObject", BUCKET_OBJ, json!({})),
        Decision::Allow,
        Layer::Default,
    );
    is(
        &run(root, "s3:GetObject", BUCKET_OBJ, json!({"scps": scps})),
        Decision::ImplicitDeny,
        Layer::Scp,
    );
}

// "Resource control policies (RCPs)": they restrict who reaches the member account's
// resources, outsiders included; RCPs are checked before SCPs in the flow chart.
#[test]
fn rcps_bind_resources_whoever_calls() {
    let rcp_deny = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": "*", "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-abc"}}}]});
    let p = json!({"identity": [allow("s3:*", "*")],
        "resource": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": B}, "Action": "s3:*", "Resource": "*"}]},
        "rcps": [[allow_rcp(), rcp_deny]]});
    let c = |ctx: Value| {
        let case = json!({"principal": user("partner", B), "request": {"action": "s3:GetObject",
            "resource": BUCKET_OBJ, "resource_account": A, "context": ctx}, "policies": p});
        evaluate(&parse_cases(&case.to_string()).unwrap()[0])
    };
    is(
        &c(json!({"aws:PrincipalOrgID": "o-other"})),
        Decision::ExplicitDeny,
        Layer::Rcp,
    );
    is(
        &c(json!({"aws:PrincipalOrgID": "o-abc"})),
        Decision::Allow,
        Layer::Resource,
    );
    // No aws:PrincipalOrgID at all (an anonymous caller): …IfExists is true, the Deny applies.
    is(&c(json!({})), Decision::ExplicitDeny, Layer::Rcp);
    // Both an RCP and an SCP without an Allow: the RCP is reported first.
    let o = run(
        user("dev", A),
        "s3:GetObject",
        BUCKET_OBJ,
        json!({"identity": [allow("s3:*", "*")], "rcps": [[allow("ec2:*", "*")]], "scps": [[allow("ec2:*", "*")]]}),
    );
    is(&o, Decision::ImplicitDeny, Layer::Rcp);
}

fn allow_rcp() -> Value {
    json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]})
}

// AWS KMS Developer Guide, "Key policies" and "Default key policy": the key policy must
// allow, directly or by enabling IAM policies for the account ("Enable IAM User
// Permissions"); even the root user needs the key policy.
#[test]
fn kms_key_policies() {
    let key = format!("arn:aws:kms:us-east-1:{A}:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    let enable_iam = json!({"Version": "2012-10-17", "Statement": [{"Sid": "Enable IAM User Permissions", "Effect": "Allow",
        "Principal": {"AWS": format!("arn:aws:iam::{A}:root")}, "Action": "kms:*", "Resource": "*"}]});
    let o = run(
        user("etl", A),
        "kms:Decrypt",
        &key,
        json!({"identity": [allow("kms:Decrypt", "*")], "resource": enable_iam}),
    );
    is(&o, Decision::Allow, Layer::Identity);
    let o = run(
        user("etl", A),
        "kms:Decrypt",
        &key,
        json!({"resource": enable_iam}),
    );
    is(&o, Decision::ImplicitDeny, Layer::Identity);
    let o = run(
        user("etl", A),
        "kms:Decrypt",
        &key,
        json!({"identity": [allow("kms:Decrypt", "*")]}),
    );
    is(&o, Decision::ImplicitDeny, Layer::Resource);
    let root = json!({"arn": format!("arn:aws:iam::{A}:root"), "type": "root", "account": A});
    is(
        &run(
            root.clone(),
            "kms:Decrypt",
            &key,
            json!({"resource": enable_iam}),
        ),
        Decision::Allow,
        Layer::Resource,
    );
    is(
        &run(root, "kms:Decrypt", &key, json!({})),
        Decision::ImplicitDeny,
        Layer::Resource,
    );
}

// "IAM roles" / "Policy evaluation logic": a role trust policy is the role's
// resource-based policy; trusting the user ARN grants on its own, trusting the
// account delegates to the account's IAM policies.
#[test]
fn role_trust_policies() {
    let role = format!("arn:aws:iam::{A}:role/Deploy");
    let trust = |who: String| {
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"AWS": who}, "Action": "sts:AssumeRole"}]})
    };
    let o = run(
        user("dev", A),
        "sts:AssumeRole",
        &role,
        json!({"resource": trust(format!("arn:aws:iam::{A}:user/dev"))}),
    );
    is(&o, Decision::Allow, Layer::Resource);
    let o = run(
        user("dev", A),
        "sts:AssumeRole",
        &role,
        json!({"resource": trust(A.into())}),
    );
    is(&o, Decision::ImplicitDeny, Layer::Identity);
    let o = run(
        user("dev", A),
        "sts:AssumeRole",
        &role,
        json!({"resource": trust(A.into()), "identity": [allow("sts:AssumeRole", &role)]}),
    );
    is(&o, Decision::Allow, Layer::Identity);
    let o = run(
        user("dev", A),
        "sts:AssumeRole",
        &role,
        json!({"identity": [allow("sts:AssumeRole", "*")]}),
    );
    is(&o, Decision::ImplicitDeny, Layer::Resource);
}

// "AWS JSON policy elements: Principal", service principals: only a resource-based
// policy can let an AWS service act; it has no identity policies.
#[test]
fn service_principals() {
    let svc = json!({"arn": "events.amazonaws.com", "type": "service", "account": null});
    let q = format!("arn:aws:sqs:us-east-1:{A}:q");
    is(
        &run(svc.clone(), "sqs:SendMessage", &q, json!({})),
        Decision::ImplicitDeny,
        Layer::Default,
    );
    let p = json!({"resource": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"Service": "events.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": q}]},
        "identity": [allow("*", "*")], "scps": [[allow("ec2:*", "*")]]});
    let o = run(svc, "sqs:SendMessage", &q, p);
    is(&o, Decision::Allow, Layer::Resource);
    assert!(matches!(
        o.layers[0].status,
        LayerStatus::NotApplicable(Skip::ServicePrincipal)
    ));
}

// "IAM policy elements: Variables and tags", policy variables with no value: the
// element matches nothing, and the key is reported as missing context.
#[test]
fn unresolved_variables_match_nothing_and_are_reported() {
    let p = json!({"identity": [allow("s3:GetObject", "arn:aws:s3:::home/${aws:PrincipalTag/team}/*")]});
    let o = run(
        user("ana", A),
        "s3:GetObject",
        "arn:aws:s3:::home/${aws:PrincipalTag/team}/x",
        p.clone(),
    );
    is(&o, Decision::ImplicitDeny, Layer::Default);
    assert_eq!(o.missing_context, vec!["aws:PrincipalTag/team".to_string()]);
    let o = run_ctx(
        user("ana", A),
        "s3:GetObject",
        "arn:aws:s3:::home/red/x",
        json!({"aws:PrincipalTag/team": "red"}),
        p,
    );
    is(&o, Decision::Allow, Layer::Identity);
    assert!(o.missing_context.is_empty());
}

// "Condition operators": a key the request lacks is reported, never treated as present.
#[test]
fn missing_condition_keys_are_reported() {
    let p = json!({"identity": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*",
        "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}, "Null": {"aws:TokenIssueTime": "true"}}}]}]});
    let o = run(user("ana", A), "s3:GetObject", BUCKET_OBJ, p);
    is(&o, Decision::ImplicitDeny, Layer::Default);
    assert_eq!(o.missing_context, vec!["aws:SourceIp".to_string()]);
}

// Session policies limit a role session but never grant ("Session policies").
#[test]
fn session_policies_never_grant() {
    let s = json!({"arn": format!("arn:aws:sts::{A}:assumed-role/R/s"), "type": "assumed-role", "account": A,
        "parent_arn": format!("arn:aws:iam::{A}:role/R")});
    is(
        &run(
            s.clone(),
            "s3:GetObject",
            BUCKET_OBJ,
            json!({"session": allow("s3:*", "*")}),
        ),
        Decision::ImplicitDeny,
        Layer::Default,
    );
    // A session policy Deny is an explicit deny.
    let deny = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]});
    is(
        &run(
            s,
            "s3:GetObject",
            BUCKET_OBJ,
            json!({"identity": [allow("s3:*", "*")], "session": deny}),
        ),
        Decision::ExplicitDeny,
        Layer::Session,
    );
}

#[test]
fn every_reason_and_skip_speaks_both_languages() {
    let reasons = [
        Reason::ExplicitDeny {
            layer: Layer::Scp,
            statement: "X".into(),
        },
        Reason::LevelNoAllow {
            layer: Layer::Rcp,
            level: 1,
        },
        Reason::ResourceGrants,
        Reason::ResourceGrantsWithinLimits,
        Reason::IdentityAllows,
        Reason::CrossAccountBothAllow,
        Reason::RootDefault,
        Reason::BoundaryNoAllow,
        Reason::SessionNoAllow,
        Reason::FederatedWithoutSessionPolicy,
        Reason::RequiredResourceNoAllow(Required::KeyPolicy),
        Reason::RequiredResourceNoAllow(Required::TrustPolicy),
        Reason::DelegatedNoIdentityAllow,
        Reason::CrossAccountNoResource,
        Reason::CrossAccountNoIdentity,
        Reason::NothingAllows { near: None },
        Reason::NothingAllows {
            near: Some(FailedCondition {
                layer: Layer::Identity,
                statement: "OnlyApprovedTagKeys".into(),
                operator: "ForAllValues:StringEquals".into(),
                key: "aws:TagKeys".into(),
            }),
        },
    ];
    for r in reasons {
        assert_ne!(r.message(Lang::En), r.message(Lang::PtBr));
        assert_ne!(r.hint(Lang::En), r.hint(Lang::PtBr));
    }
}
