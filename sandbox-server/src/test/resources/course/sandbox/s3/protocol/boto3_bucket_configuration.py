"""Issue 14's bucket configuration rules through boto3, against the sandbox at argv[1]. Prints one
line per scenario ("ok <name>") and exits non-zero at the first failure."""
import json
import sys
import urllib.error
import urllib.request
import uuid

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT, ACCESS_KEY, SECRET_KEY = sys.argv[1], sys.argv[2], sys.argv[3]


def client(region):
    return boto3.client("s3", endpoint_url=ENDPOINT, aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
                        region_name=region, config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))


s3 = client("us-east-1")


def expect_error(status, code, message, call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except ClientError as e:
        got = (e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Code"], e.response["Error"]["Message"])
        assert got[0] == status and got[1] == code and (message is None or got[2] == message), \
            f"expected {status} {code} {message}, got {got}"
        return e
    raise AssertionError(f"expected {status} {code}, got success")


def http(url, method="GET", data=None, headers=None):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, method=method, headers=headers or {})) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def scenario(function):
    bucket = "boto3-" + uuid.uuid4().hex[:10]
    s3.create_bucket(Bucket=bucket)
    function(bucket)
    print("ok", function.__name__, flush=True)


@scenario
def create_bucket_location(bucket):
    # https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html
    ireland = client("eu-west-1")
    expect_error(400, "IllegalLocationConstraintException",
                 "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.",
                 ireland.create_bucket, Bucket=bucket + "-ie")
    expect_error(400, "InvalidLocationConstraint", "The specified location-constraint is not valid",
                 s3.create_bucket, Bucket=bucket + "-ie", CreateBucketConfiguration={"LocationConstraint": "us-east-1"})
    ireland.create_bucket(Bucket=bucket + "-ie", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    assert s3.get_bucket_location(Bucket=bucket + "-ie")["LocationConstraint"] == "eu-west-1"


@scenario
def defaults_and_encryption(bucket):
    block = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
    assert all(block.values()), block
    rules = s3.get_bucket_ownership_controls(Bucket=bucket)["OwnershipControls"]["Rules"]
    assert rules == [{"ObjectOwnership": "BucketOwnerEnforced"}], rules
    assert s3.put_object(Bucket=bucket, Key="k", Body=b"v")["ServerSideEncryption"] == "AES256"
    assert s3.head_object(Bucket=bucket, Key="k")["ServerSideEncryption"] == "AES256"
    acl = s3.get_object_acl(Bucket=bucket, Key="k")
    assert [g["Permission"] for g in acl["Grants"]] == ["FULL_CONTROL"], acl
    expect_error(400, "AccessControlListNotSupported", "The bucket does not allow ACLs",
                 s3.put_object, Bucket=bucket, Key="p", Body=b"p", ACL="public-read")


@scenario
def block_public_access(bucket):
    # https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
    s3.put_object(Bucket=bucket, Key="page.html", Body=b"page")
    policy = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
                                                                  "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/*"}]})
    expect_error(403, "AccessDenied", "User: arn:aws:iam::000000000000:root is not authorized to perform: s3:PutBucketPolicy"
                 f" on resource: \"arn:aws:s3:::{bucket}\" because public policies are blocked by the BlockPublicPolicy block"
                 " public access setting.", s3.put_bucket_policy, Bucket=bucket, Policy=policy)
    s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration={"RestrictPublicBuckets": True})
    s3.put_bucket_policy(Bucket=bucket, Policy=policy)
    assert http(f"{ENDPOINT}/{bucket}/page.html")[0] == 403
    s3.delete_public_access_block(Bucket=bucket)
    assert http(f"{ENDPOINT}/{bucket}/page.html")[2] == b"page"
    expect_error(400, "MalformedPolicy", "Policy has invalid action", s3.put_bucket_policy, Bucket=bucket,
                 Policy=policy.replace("s3:GetObject", "s3:FlyToTheMoon"))


@scenario
def cors(bucket):
    # https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html
    s3.put_object(Bucket=bucket, Key="data.json", Body=b"{}")
    url = f"{ENDPOINT}/{bucket}/data.json"
    preflight = {"Origin": "http://app.localhost:8000", "Access-Control-Request-Method": "GET"}
    assert http(url, "OPTIONS", headers=preflight)[0] == 403
    s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": [
        {"AllowedOrigins": ["http://app.localhost:8000"], "AllowedMethods": ["GET"], "MaxAgeSeconds": 60}]})
    status, headers, _ = http(url, "OPTIONS", headers=preflight)
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "http://app.localhost:8000", headers
    assert headers["Access-Control-Max-Age"] == "60", headers
    assert http(url, "OPTIONS", headers={**preflight, "Origin": "http://evil.example"})[0] == 403
    assert s3.get_bucket_cors(Bucket=bucket)["CORSRules"][0]["AllowedMethods"] == ["GET"]
    s3.delete_bucket_cors(Bucket=bucket)
    expect_error(404, "NoSuchCORSConfiguration", "The CORS configuration does not exist", s3.get_bucket_cors, Bucket=bucket)


@scenario
def website_and_lifecycle(bucket):
    s3.put_bucket_website(Bucket=bucket, WebsiteConfiguration={"IndexDocument": {"Suffix": "index.html"},
                                                               "ErrorDocument": {"Key": "404.html"}})
    assert s3.get_bucket_website(Bucket=bucket)["IndexDocument"] == {"Suffix": "index.html"}
    expect_error(400, "InvalidArgument", "The IndexDocument Suffix is not well formed", s3.put_bucket_website,
                 Bucket=bucket, WebsiteConfiguration={"IndexDocument": {"Suffix": "a/index.html"}})
    s3.delete_bucket_website(Bucket=bucket)
    expect_error(404, "NoSuchWebsiteConfiguration", "The specified bucket does not have a website configuration",
                 s3.get_bucket_website, Bucket=bucket)
    s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": [
        {"ID": "old", "Status": "Enabled", "Filter": {"Prefix": "old/"}, "Expiration": {"Days": 30},
         "NoncurrentVersionExpiration": {"NoncurrentDays": 7}}]})
    rule = s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"][0]
    assert rule["Expiration"] == {"Days": 30} and rule["NoncurrentVersionExpiration"] == {"NoncurrentDays": 7}, rule
    s3.put_object(Bucket=bucket, Key="old/report.csv", Body=b"r")
    assert 'rule-id="old"' in s3.head_object(Bucket=bucket, Key="old/report.csv")["Expiration"]
    expect_error(400, "InvalidRequest", "At least one action needs to be specified in a rule",
                 s3.put_bucket_lifecycle_configuration, Bucket=bucket,
                 LifecycleConfiguration={"Rules": [{"ID": "x", "Status": "Enabled", "Filter": {"Prefix": ""}}]})


@scenario
def tags_and_attributes(bucket):
    s3.put_object(Bucket=bucket, Key="t", Body=b"attributes")
    tags = {"TagSet": [{"Key": f"k{i}", "Value": "v"} for i in range(11)]}
    expect_error(400, "BadRequest", "Object tags cannot be greater than 10", s3.put_object_tagging,
                 Bucket=bucket, Key="t", Tagging=tags)
    attributes = s3.get_object_attributes(Bucket=bucket, Key="t", ObjectAttributes=["ObjectSize", "StorageClass"])
    assert attributes["ObjectSize"] == 10 and attributes["StorageClass"] == "STANDARD", attributes


@scenario
def presigned_post(bucket):
    # https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-UsingHTTPPOST.html
    post = s3.generate_presigned_post(bucket, "uploads/${filename}", Fields={"Content-Type": "text/plain"},
                                      Conditions=[["starts-with", "$key", "uploads/"], {"Content-Type": "text/plain"},
                                                  ["content-length-range", 1, 100]], ExpiresIn=300)
    boundary = "boto3boundary" + uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
             for name, value in post["fields"].items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="hello.txt"\r\n'
                 f'Content-Type: text/plain\r\n\r\nhello\r\n--{boundary}--\r\n'.encode())
    status, headers, body = http(post["url"], "POST", b"".join(parts),
                                 {"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert status == 204, (status, body)
    assert s3.get_object(Bucket=bucket, Key="uploads/hello.txt")["Body"].read() == b"hello"
