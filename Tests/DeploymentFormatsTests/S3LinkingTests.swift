import CloudResources
@testable import DeploymentFormats
import PolicyLanguage
import Testing

/// Buckets with their policies, ACLs, Object Ownership, Block Public Access and access
/// points, in each format.
struct S3LinkingTests {
    static let allowSite = #"{"Sid":"Site","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site-1a2b/*"}"#
    static let allowLogs = #"{"Sid":"Logs","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::logs-3c4d/*"}"#

    /// A policy resource named like one bucket but pointing at another attaches to the one it
    /// points at.
    @Test func pulumiPolicyFollowsItsReferenceNotItsName() throws {
        let state = Deployments.pulumiState([
            Deployments.pulumiResource("aws:s3/bucketV2:BucketV2", "site", #"{"bucket": "site-1a2b", "arn": "arn:aws:s3:::site-1a2b"}"#, id: "site-1a2b"),
            Deployments.pulumiResource("aws:s3/bucketV2:BucketV2", "logs", #"{"bucket": "logs-3c4d", "arn": "arn:aws:s3:::logs-3c4d"}"#, id: "logs-3c4d"),
            Deployments.pulumiResource(
                "aws:s3/bucketPolicy:BucketPolicy", "site", #"{"bucket": "logs-3c4d", "policy": \#(Deployments.policyString(Self.allowLogs))}"#,
                dependencies: #"{"bucket": ["\#(Deployments.urn("aws:s3/bucketV2:BucketV2", "logs"))"]}"#),
        ].joined(separator: ","))
        let (linked, diagnostics) = Deployments.link(state)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let logs = try Deployments.resource(linked, arn: "arn:aws:s3:::logs-3c4d")
        let site = try Deployments.resource(linked, arn: "arn:aws:s3:::site-1a2b")
        #expect(logs.sids() == ["Logs"])
        #expect(logs.attachments == [Deployments.urn("aws:s3/bucketPolicy:BucketPolicy", "site")])
        #expect(site.sids().isEmpty)
        #expect(site.attachments.isEmpty)
    }

    /// Without references, as in a state file, the policy's bucket name decides.
    @Test func terraformStatePolicyFollowsTheBucketName() throws {
        let state = Deployments.terraformState([
            Deployments.terraformResource("aws_s3_bucket.site", #"{"bucket": "site-1a2b", "arn": "arn:aws:s3:::site-1a2b", "id": "site-1a2b"}"#),
            Deployments.terraformResource("aws_s3_bucket.logs", #"{"bucket": "logs-3c4d", "arn": "arn:aws:s3:::logs-3c4d", "id": "logs-3c4d"}"#),
            Deployments.terraformResource("aws_s3_bucket_policy.site", #"{"bucket": "logs-3c4d", "policy": \#(Deployments.policyString(Self.allowLogs))}"#),
        ].joined(separator: ","))
        let (linked, diagnostics) = Deployments.link(state)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        #expect(try Deployments.resource(linked, arn: "arn:aws:s3:::logs-3c4d").sids() == ["Logs"])
        #expect(try Deployments.resource(linked, arn: "arn:aws:s3:::site-1a2b").sids().isEmpty)
    }

    /// In a plan, the bucket's name is known only after apply; the configuration's reference
    /// links the policy.
    @Test func terraformPlanLinksThroughConfigurationReferences() throws {
        let plan = #"""
            {"format_version": "1.2", "terraform_version": "1.9.0",
             "planned_values": {"root_module": {"resources": [
               {"address": "aws_s3_bucket.site", "mode": "managed", "type": "aws_s3_bucket", "name": "site", "values": {"bucket_prefix": "site"}},
               {"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "name": "logs", "values": {"bucket_prefix": "logs"}},
               {"address": "aws_s3_bucket_policy.site", "mode": "managed", "type": "aws_s3_bucket_policy", "name": "site", "values": {}}]}},
             "resource_changes": [
               {"address": "aws_s3_bucket.site", "type": "aws_s3_bucket", "change": {"actions": ["create"], "after": {"bucket_prefix": "site"}, "after_unknown": {"bucket": true, "arn": true, "id": true}}},
               {"address": "aws_s3_bucket.logs", "type": "aws_s3_bucket", "change": {"actions": ["create"], "after": {"bucket_prefix": "logs"}, "after_unknown": {"bucket": true, "arn": true, "id": true}}},
               {"address": "aws_s3_bucket_policy.site", "type": "aws_s3_bucket_policy", "change": {"actions": ["create"], "after": {"policy": \#(Deployments.policyString(#"{"Sid":"Logs","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}"#))}, "after_unknown": {"bucket": true}}}],
             "configuration": {"root_module": {"resources": [
               {"address": "aws_s3_bucket.site", "mode": "managed", "type": "aws_s3_bucket", "name": "site", "expressions": {"bucket_prefix": {"constant_value": "site"}}},
               {"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "name": "logs", "expressions": {"bucket_prefix": {"constant_value": "logs"}}},
               {"address": "aws_s3_bucket_policy.site", "mode": "managed", "type": "aws_s3_bucket_policy", "name": "site", "expressions": {
                 "bucket": {"references": ["aws_s3_bucket.logs.id", "aws_s3_bucket.logs"]}, "policy": {"constant_value": "..."}}}]}}}
            """#
        let (linked, _) = Deployments.link(plan)
        let logs = try #require(linked.resources.first { $0.address == "aws_s3_bucket.logs" })
        let site = try #require(linked.resources.first { $0.address == "aws_s3_bucket.site" })
        #expect(logs.sids() == ["Logs"])
        #expect(site.sids().isEmpty)
        #expect(logs.access.unknowns.isEmpty, "\(logs.access.unknowns)")
    }

    /// CloudFormation links by `Ref`, whatever the logical IDs suggest.
    @Test func cloudFormationPolicyFollowsItsRef() throws {
        let template = #"""
            Resources:
              SiteBucket:
                Type: AWS::S3::Bucket
              LogsBucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: logs-3c4d
              SiteBucketPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref LogsBucket
                  PolicyDocument:
                    Version: 2012-10-17
                    Statement:
                      - Sid: Logs
                        Effect: Allow
                        Principal: '*'
                        Action: s3:GetObject
                        Resource: !Sub '${LogsBucket.Arn}/*'
            """#
        let (linked, diagnostics) = Deployments.link(template, name: "template.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let logs = try Deployments.resource(linked, arn: "arn:aws:s3:::logs-3c4d")
        #expect(logs.sids() == ["Logs"])
        #expect(logs.address == "LogsBucket")
        #expect(logs.attachments == ["SiteBucketPolicy"])
        let site = try Deployments.resource(linked, arn: "arn:aws:s3:::stack-sitebucket")
        #expect(site.sids().isEmpty)
        let resource = try #require(Deployments.statements(logs).first?.resource?.patterns.first?.value)
        #expect(resource == "arn:aws:s3:::logs-3c4d/*")
    }

    /// Object Ownership, Block Public Access and ACLs from separate Pulumi resources.
    @Test func pulumiACLOwnershipAndBlockPublicAccess() throws {
        let bucket = Deployments.urn("aws:s3/bucketV2:BucketV2", "site")
        let dependency = #"{"bucket": ["\#(bucket)"]}"#
        let state = Deployments.pulumiState([
            Deployments.pulumiResource("aws:s3/bucketV2:BucketV2", "site", #"{"bucket": "site-1a2b", "arn": "arn:aws:s3:::site-1a2b"}"#, id: "site-1a2b"),
            Deployments.pulumiResource(
                "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "site", #"{"bucket": "site-1a2b", "rule": {"objectOwnership": "ObjectWriter"}}"#,
                dependencies: dependency),
            Deployments.pulumiResource(
                "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "site",
                #"{"bucket": "site-1a2b", "blockPublicAcls": false, "blockPublicPolicy": false, "ignorePublicAcls": false, "restrictPublicBuckets": false}"#,
                dependencies: dependency),
            Deployments.pulumiResource("aws:s3/bucketAclV2:BucketAclV2", "site", #"{"bucket": "site-1a2b", "acl": "public-read"}"#, dependencies: dependency),
        ].joined(separator: ","))
        let (linked, _) = Deployments.link(state)
        let site = try Deployments.resource(linked, arn: "arn:aws:s3:::site-1a2b")
        #expect(site.access.documents.map(\.sourceType) == [.bucketACL])
        #expect(site.access.rejections.isEmpty)
        #expect(!site.access.restrictsPublicPolicy)
        #expect(site.attachments.count == 3)
    }

    /// A bucket that sets nothing gets AWS's defaults for new buckets: ACLs disabled and all of
    /// Block Public Access on, so a public ACL is rejected at deployment.
    @Test func legacyPulumiBucketACLUnderDefaults() throws {
        let state = Deployments.pulumiState(
            Deployments.pulumiResource("aws:s3/bucket:Bucket", "site", #"{"bucket": "site-1a2b", "acl": "public-read"}"#, id: "site-1a2b"))
        let (linked, _) = Deployments.link(state)
        let site = try Deployments.resource(linked, arn: "arn:aws:s3:::site-1a2b")
        #expect(site.access.rejections.count == 2, "\(site.access.rejections)")
        #expect(site.access.restrictsPublicPolicy)
    }

    /// Legacy `grants` lists, with the owner's canonical user ID from the settings.
    @Test func legacyGrantsWithOwnerCanonicalID() throws {
        let owner = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
        let state = Deployments.pulumiState([
            Deployments.pulumiResource(
                "aws:s3/bucket:Bucket", "site",
                #"""
                {"bucket": "site-1a2b", "grants": [
                  {"type": "CanonicalUser", "id": "\#(owner)", "permissions": ["FULL_CONTROL"]},
                  {"type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AllUsers", "permissions": ["READ"]}],
                 "serverSideEncryptionConfiguration": {}}
                """#, id: "site-1a2b"),
            Deployments.pulumiResource(
                "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "site", #"{"bucket": "site-1a2b", "rule": {"objectOwnership": "BucketOwnerPreferred"}}"#),
            Deployments.pulumiResource(
                "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "site", #"{"bucket": "site-1a2b"}"#),
        ].joined(separator: ","))
        var settings = Deployments.settings
        settings.canonicalUserID = owner
        let (linked, _) = Deployments.link(state, settings: settings)
        let site = try Deployments.resource(linked, arn: "arn:aws:s3:::site-1a2b")
        let statements = Deployments.statements(site, .bucketACL)
        #expect(statements.count == 1)
        #expect(statements.first?.principal?.entries.map(\.value) == ["*"])
        #expect(site.access.rejections.isEmpty)
    }

    /// Terraform's `aws_s3_bucket_acl` with an access control policy in nested blocks.
    @Test func terraformAccessControlPolicyBlocks() throws {
        let owner = "owner-canonical-id"
        let state = Deployments.terraformState([
            Deployments.terraformResource("aws_s3_bucket.site", #"{"bucket": "site-1a2b", "arn": "arn:aws:s3:::site-1a2b", "id": "site-1a2b"}"#),
            Deployments.terraformResource("aws_s3_bucket_ownership_controls.site", #"{"bucket": "site-1a2b", "rule": [{"object_ownership": "ObjectWriter"}]}"#),
            Deployments.terraformResource(
                "aws_s3_bucket_public_access_block.site",
                #"{"bucket": "site-1a2b", "block_public_acls": false, "block_public_policy": true, "ignore_public_acls": false, "restrict_public_buckets": false}"#),
            Deployments.terraformResource(
                "aws_s3_bucket_acl.site",
                #"""
                {"bucket": "site-1a2b", "acl": null, "access_control_policy": [{
                  "owner": [{"id": "\#(owner)", "display_name": "owner"}],
                  "grant": [
                    {"permission": "FULL_CONTROL", "grantee": [{"type": "CanonicalUser", "id": "\#(owner)", "uri": "", "email_address": ""}]},
                    {"permission": "WRITE", "grantee": [{"type": "Group", "id": "", "uri": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers", "email_address": ""}]},
                    {"permission": "READ_ACP", "grantee": [{"type": "CanonicalUser", "id": "partner-canonical-id", "uri": "", "email_address": ""}]}]}]}
                """#),
        ].joined(separator: ","))
        let (linked, _) = Deployments.link(state)
        let site = try Deployments.resource(linked, arn: "arn:aws:s3:::site-1a2b")
        let statements = Deployments.statements(site, .bucketACL)
        #expect(statements.count == 2, "the owner's own grant adds nothing")
        #expect(site.access.rejectsPublic[.policy] != nil)
        #expect(site.access.unknowns.isEmpty, "\(site.access.unknowns)")
    }

    /// CloudFormation's AccessControl, OwnershipControls and PublicAccessBlockConfiguration.
    @Test func cloudFormationBucketProperties() throws {
        let template = #"""
            {"Resources": {"Site": {"Type": "AWS::S3::Bucket", "Properties": {
              "BucketName": "site-1a2b",
              "AccessControl": "PublicReadWrite",
              "OwnershipControls": {"Rules": [{"ObjectOwnership": "ObjectWriter"}]},
              "PublicAccessBlockConfiguration": {"BlockPublicPolicy": true}}}}}
            """#
        let (linked, diagnostics) = Deployments.link(template)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let site = try Deployments.resource(linked, arn: "arn:aws:s3:::site-1a2b")
        let statements = Deployments.statements(site, .bucketACL)
        #expect(statements.count == 2, "READ on the bucket and WRITE on its objects")
        #expect(site.access.rejections.isEmpty)
        #expect(!site.access.restrictsPublicPolicy)
        #expect(site.access.rejectsPublic[.policy] != nil)
    }

    @Test(arguments: [
        ("Private", "private"), ("PublicRead", "public-read"), ("PublicReadWrite", "public-read-write"),
        ("AuthenticatedRead", "authenticated-read"), ("LogDeliveryWrite", "log-delivery-write"), ("BucketOwnerRead", "bucket-owner-read"),
        ("BucketOwnerFullControl", "bucket-owner-full-control"), ("AwsExecRead", "aws-exec-read"), ("public-read", "public-read"),
    ])
    func cannedACLNames(cloudFormation: String, s3: String) {
        #expect(Linker.cannedACLName(cloudFormation) == s3)
    }

    /// Access points with their own policy, separate policy resources, VPC origin and blocks.
    @Test func accessPointsInTerraformState() throws {
        let pointARN = "arn:aws:s3:eu-west-1:111122223333:accesspoint/site-ap"
        let state = Deployments.terraformState([
            Deployments.terraformResource("aws_s3_bucket.site", #"{"bucket": "site-1a2b", "arn": "arn:aws:s3:::site-1a2b", "id": "site-1a2b"}"#),
            Deployments.terraformResource(
                "aws_s3_access_point.site",
                #"{"bucket": "site-1a2b", "name": "site-ap", "arn": "\#(pointARN)", "policy": "", "vpc_configuration": [{"vpc_id": "vpc-0abc"}], "public_access_block_configuration": [{"block_public_acls": true, "block_public_policy": false, "ignore_public_acls": true, "restrict_public_buckets": false}]}"#),
            Deployments.terraformResource(
                "aws_s3control_access_point_policy.site",
                #"{"access_point_arn": "\#(pointARN)", "policy": \#(Deployments.policyString(#"{"Sid":"Point","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"\#(pointARN)/object/*"}"#))}"#),
        ].joined(separator: ","))
        let (linked, _) = Deployments.link(state)
        let point = try Deployments.resource(linked, arn: pointARN)
        #expect(point.sids(.s3AccessPoint) == ["Point"])
        #expect(point.access.neverPublicBecause?.contains("vpc-0abc") == true)
        #expect(point.attachments == ["aws_s3control_access_point_policy.site"])
    }

    /// The account-level block in the deployment combines with the bucket's settings.
    @Test func accountPublicAccessBlockInDeployment() throws {
        let state = Deployments.terraformState([
            Deployments.terraformResource("aws_s3_bucket.site", #"{"bucket": "site-1a2b", "id": "site-1a2b"}"#),
            Deployments.terraformResource(
                "aws_s3_bucket_public_access_block.site",
                #"{"bucket": "site-1a2b", "block_public_acls": false, "block_public_policy": false, "ignore_public_acls": false, "restrict_public_buckets": false}"#),
            Deployments.terraformResource(
                "aws_s3_account_public_access_block.account",
                #"{"account_id": "111122223333", "block_public_acls": false, "block_public_policy": false, "ignore_public_acls": false, "restrict_public_buckets": true}"#),
        ].joined(separator: ","))
        let (linked, _) = Deployments.link(state)
        let site = try Deployments.resource(linked, arn: "arn:aws:s3:::site-1a2b")
        #expect(site.access.restrictsPublicPolicy)
        #expect(site.attachments.contains("aws_s3_account_public_access_block.account"))
    }

    /// Unknown account settings make buckets unknown instead of assuming them off.
    @Test func unknownAccountSettingsMakeBucketsUnknown() throws {
        var settings = Deployments.settings
        settings.accountBlockPublicAccess = nil
        let state = Deployments.terraformState(Deployments.terraformResource("aws_s3_bucket.site", #"{"bucket": "site-1a2b"}"#))
        let (linked, _) = Deployments.link(state, settings: settings)
        let site = try Deployments.resource(linked, arn: "arn:aws:s3:::site-1a2b")
        #expect(site.access.unknowns.contains { $0.contains("account's S3 Block Public Access") })
    }

    /// A policy for a bucket outside the deployment is analyzed alone, with a warning.
    @Test func policyForBucketOutsideTheDeployment() throws {
        let state = Deployments.terraformState(
            Deployments.terraformResource("aws_s3_bucket_policy.shared", #"{"bucket": "shared-assets", "policy": \#(Deployments.policyString(Self.allowSite))}"#))
        let (linked, diagnostics) = Deployments.link(state)
        let shared = try Deployments.resource(linked, arn: "arn:aws:s3:::shared-assets")
        #expect(shared.isOutsideDeployment)
        #expect(shared.address == "aws_s3_bucket_policy.shared")
        #expect(shared.sids() == ["Site"])
        #expect(!shared.access.restrictsPublicPolicy)
        #expect(diagnostics.map(\.code) == ["UNLINKED_ATTACHMENT"])
    }

    /// Two different policies on one bucket replace each other, so the policy is unknown.
    @Test func conflictingPoliciesAreUnknown() throws {
        let state = Deployments.terraformState([
            Deployments.terraformResource("aws_s3_bucket.site", #"{"bucket": "site-1a2b"}"#),
            Deployments.terraformResource("aws_s3_bucket_policy.one", #"{"bucket": "site-1a2b", "policy": \#(Deployments.policyString(Self.allowSite))}"#),
            Deployments.terraformResource("aws_s3_bucket_policy.two", #"{"bucket": "site-1a2b", "policy": \#(Deployments.policyString(Self.allowLogs))}"#),
        ].joined(separator: ","))
        let (linked, _) = Deployments.link(state)
        let site = try Deployments.resource(linked, arn: "arn:aws:s3:::site-1a2b")
        #expect(site.access.documents.isEmpty)
        #expect(site.access.unknowns.contains { $0.contains("set different policies") })
    }

    /// A directory bucket's policy goes to the directory bucket, under its own ARN form.
    @Test func directoryBucketPolicy() throws {
        let name = "data--euw1-az1--x-s3"
        let state = Deployments.pulumiState([
            Deployments.pulumiResource("aws:s3/directoryBucket:DirectoryBucket", "data", #"{"bucket": "\#(name)"}"#, id: name),
            Deployments.pulumiResource("aws:s3/bucketPolicy:BucketPolicy", "data", #"{"bucket": "\#(name)", "policy": \#(Deployments.policyString(#"{"Sid":"Express","Effect":"Allow","Principal":"*","Action":"s3express:CreateSession","Resource":"*"}"#))}"#),
        ].joined(separator: ","))
        let (linked, _) = Deployments.link(state)
        let bucket = try Deployments.resource(linked, arn: "arn:aws:s3express:eu-west-1:111122223333:bucket/\(name)")
        #expect(bucket.access.resourceType == "AWS::S3Express::DirectoryBucket")
        #expect(bucket.sids() == ["Express"])
    }
}
