"""S3 Control from boto3, unmodified: access points, their policy, data by alias, a Batch Operations job.

botocore's S3 Control endpoint rules put the account id in front of the host
({account}.s3-control..., or {account}.127.0.0.1 with endpoint_url), which does not resolve;
inject_host_prefix=False does not change that for S3 Control, so a before-sign hook takes the
account label off again, and the request is signed for the host it is sent to.
Arguments: endpoint, access key id, secret access key. Prints one "ok <step>" line per step.
"""
import json
import sys
import time
import urllib.parse
import uuid

import boto3
import botocore.config
import botocore.exceptions

endpoint, key_id, secret = sys.argv[1:4]
session = boto3.session.Session(aws_access_key_id=key_id, aws_secret_access_key=secret, region_name="us-east-1")
s3 = session.client("s3", endpoint_url=endpoint)
control = session.client("s3control", endpoint_url=endpoint,
                         config=botocore.config.Config(inject_host_prefix=False, retries={"max_attempts": 1}))
iam = session.client("iam", endpoint_url=endpoint)
sandbox_host = urllib.parse.urlsplit(endpoint).netloc


def without_account_label(request, **kwargs):
    url = urllib.parse.urlsplit(request.url)
    if url.netloc.endswith("." + sandbox_host):
        request.url = urllib.parse.urlunsplit(url._replace(netloc=sandbox_host))


control.meta.events.register("before-sign.s3-control", without_account_label)
account = session.client("sts", endpoint_url=endpoint).get_caller_identity()["Account"]


def code(call):
    try:
        call()
    except botocore.exceptions.ClientError as error:
        return error.response["Error"]["Code"]
    return "no error"


s3.create_bucket(Bucket="boto3-data")
created = control.create_access_point(AccountId=account, Name="boto3-ap", Bucket="boto3-data")
assert created["AccessPointArn"] == f"arn:aws:s3:us-east-1:{account}:accesspoint/boto3-ap", created
alias = created["Alias"]
assert alias.startswith("boto3-ap-") and alias.endswith("-s3alias"), alias
got = control.get_access_point(AccountId=account, Name="boto3-ap")
assert got["Bucket"] == "boto3-data" and got["NetworkOrigin"] == "Internet", got
assert got["PublicAccessBlockConfiguration"]["BlockPublicPolicy"] is True, got
listed = control.list_access_points(AccountId=account, Bucket="boto3-data")["AccessPointList"]
assert [point["Name"] for point in listed] == ["boto3-ap"], listed
assert code(lambda: control.get_access_point(AccountId=account, Name="missing")) == "NoSuchAccessPoint"
print("ok access_points")

policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
          "Action": "s3:*", "Resource": f"arn:aws:s3:us-east-1:{account}:accesspoint/boto3-ap/object/*"}]}
control.put_access_point_policy(AccountId=account, Name="boto3-ap", Policy=json.dumps(policy))
assert json.loads(control.get_access_point_policy(AccountId=account, Name="boto3-ap")["Policy"]) == policy
assert control.get_access_point_policy_status(AccountId=account, Name="boto3-ap")["PolicyStatus"]["IsPublic"] is False
print("ok policy")

s3.put_object(Bucket=alias, Key="via/alias.txt", Body=b"through the alias")
assert s3.get_object(Bucket="boto3-data", Key="via/alias.txt")["Body"].read() == b"through the alias"
assert [o["Key"] for o in s3.list_objects_v2(Bucket=alias)["Contents"]] == ["via/alias.txt"]
print("ok data_by_alias")

assert code(lambda: control.get_public_access_block(AccountId=account)) == "NoSuchPublicAccessBlockConfiguration"
control.put_public_access_block(AccountId=account, PublicAccessBlockConfiguration={"BlockPublicPolicy": True})
assert control.get_public_access_block(AccountId=account)["PublicAccessBlockConfiguration"]["BlockPublicPolicy"] is True
control.delete_public_access_block(AccountId=account)
print("ok public_access_block")

trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "batchoperations.s3.amazonaws.com"},
         "Action": "sts:AssumeRole"}]}
iam.create_role(RoleName="boto3-batch", AssumeRolePolicyDocument=json.dumps(trust))
iam.put_role_policy(RoleName="boto3-batch", PolicyName="batch", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:PutObjectTagging"], "Resource": "arn:aws:s3:::boto3-data/*"}]}))
etag = s3.put_object(Bucket="boto3-data", Key="manifest.csv", Body=b"boto3-data,via/alias.txt\n")["ETag"]
job = control.create_job(AccountId=account, ConfirmationRequired=False, Priority=1, ClientRequestToken=str(uuid.uuid4()),
                         RoleArn=f"arn:aws:iam::{account}:role/boto3-batch",
                         Operation={"S3PutObjectTagging": {"TagSet": [{"Key": "from", "Value": "boto3"}]}},
                         Manifest={"Spec": {"Format": "S3BatchOperations_CSV_20180820", "Fields": ["Bucket", "Key"]},
                                   "Location": {"ObjectArn": "arn:aws:s3:::boto3-data/manifest.csv", "ETag": etag}},
                         Report={"Bucket": "arn:aws:s3:::boto3-data", "Format": "Report_CSV_20180820", "Enabled": True,
                                 "Prefix": "reports", "ReportScope": "AllTasks"})["JobId"]
deadline = time.time() + 30
while True:
    described = control.describe_job(AccountId=account, JobId=job)["Job"]
    if described["Status"] in ("Complete", "Failed", "Cancelled") or time.time() > deadline:
        break
    time.sleep(0.05)
assert described["Status"] == "Complete", described
assert described["ProgressSummary"]["NumberOfTasksSucceeded"] == 1, described
assert s3.get_object_tagging(Bucket="boto3-data", Key="via/alias.txt")["TagSet"] == [{"Key": "from", "Value": "boto3"}]
report = json.loads(s3.get_object(Bucket="boto3-data", Key=f"reports/job-{job}/manifest.json")["Body"].read())
assert [r["TaskExecutionStatus"] for r in report["Results"]] == ["succeeded"], report
assert any(listed["JobId"] == job for listed in control.list_jobs(AccountId=account, JobStatuses=["Complete"])["Jobs"])
print("ok batch_job")
