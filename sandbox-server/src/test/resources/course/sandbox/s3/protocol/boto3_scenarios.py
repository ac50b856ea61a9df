"""The S3 scenario suite through boto3, against the sandbox at argv[1]. Prints one line per
scenario ("ok <name>") and exits non-zero at the first failure."""
import hashlib
import json
import sys
import time
import urllib.error
import urllib.request
import uuid

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT, ACCESS_KEY, SECRET_KEY = sys.argv[1], sys.argv[2], sys.argv[3]
MIB = 1024 * 1024
# SigV4 everywhere: older botocore presigns S3 URLs with SigV2 unless told otherwise.
s3 = boto3.client("s3", endpoint_url=ENDPOINT, aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
                  region_name="us-east-1", config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))


def expect_error(status, code, call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except ClientError as e:
        got = (e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Code"])
        assert got[0] == status and (code is None or got[1] == code), f"expected {status} {code}, got {got}"
        return e
    raise AssertionError(f"expected {status} {code}, got success")


def http(url, method="GET", data=None):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, method=method)) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def new_bucket():
    name = "boto3-" + uuid.uuid4().hex[:10]
    s3.create_bucket(Bucket=name)
    return name


def scenario(function):
    function(new_bucket())
    print("ok", function.__name__, flush=True)


@scenario
def buckets(bucket):
    assert bucket in [b["Name"] for b in s3.list_buckets()["Buckets"]]
    s3.head_bucket(Bucket=bucket)
    assert s3.get_bucket_location(Bucket=bucket).get("LocationConstraint") is None
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    expect_error(409, "BucketNotEmpty", s3.delete_bucket, Bucket=bucket)
    s3.delete_object(Bucket=bucket, Key="k")
    s3.delete_bucket(Bucket=bucket)
    expect_error(404, None, s3.head_bucket, Bucket=bucket)


@scenario
def objects_metadata_ranges_conditionals(bucket):
    put = s3.put_object(Bucket=bucket, Key="dir/a b+c.txt", Body=b"0123456789", ContentType="text/plain",
                        Metadata={"author": "ada"})
    assert put["ETag"] == '"' + hashlib.md5(b"0123456789").hexdigest() + '"'
    got = s3.get_object(Bucket=bucket, Key="dir/a b+c.txt")
    assert got["Body"].read() == b"0123456789" and got["Metadata"] == {"author": "ada"}
    assert got["ContentType"] == "text/plain"
    part = s3.get_object(Bucket=bucket, Key="dir/a b+c.txt", Range="bytes=2-4")
    assert part["Body"].read() == b"234" and part["ContentRange"] == "bytes 2-4/10"
    expect_error(416, "InvalidRange", s3.get_object, Bucket=bucket, Key="dir/a b+c.txt", Range="bytes=50-")
    expect_error(304, None, s3.get_object, Bucket=bucket, Key="dir/a b+c.txt", IfNoneMatch=put["ETag"])
    expect_error(412, "PreconditionFailed", s3.get_object, Bucket=bucket, Key="dir/a b+c.txt", IfMatch='"nope"')
    expect_error(404, "NoSuchKey", s3.get_object, Bucket=bucket, Key="missing")


@scenario
def checksums(bucket):
    s3.put_object(Bucket=bucket, Key="sha", Body=b"summed", ChecksumAlgorithm="SHA256")
    head = s3.head_object(Bucket=bucket, Key="sha", ChecksumMode="ENABLED")
    import base64
    assert head["ChecksumSHA256"] == base64.b64encode(hashlib.sha256(b"summed").digest()).decode()
    bad_md5 = base64.b64encode(hashlib.md5(b"other").digest()).decode()
    expect_error(400, "BadDigest", s3.put_object, Bucket=bucket, Key="md5", Body=b"body", ContentMD5=bad_md5)


@scenario
def copy(bucket):
    s3.put_object(Bucket=bucket, Key="src", Body=b"copy me", Metadata={"k": "v"})
    s3.copy_object(Bucket=bucket, Key="dst", CopySource={"Bucket": bucket, "Key": "src"})
    assert s3.head_object(Bucket=bucket, Key="dst")["Metadata"] == {"k": "v"}
    s3.copy_object(Bucket=bucket, Key="dst2", CopySource={"Bucket": bucket, "Key": "src"},
                   MetadataDirective="REPLACE", Metadata={"n": "1"})
    assert s3.head_object(Bucket=bucket, Key="dst2")["Metadata"] == {"n": "1"}
    expect_error(412, "PreconditionFailed", s3.copy_object, Bucket=bucket, Key="dst3",
                 CopySource={"Bucket": bucket, "Key": "src"}, CopySourceIfMatch='"nope"')


@scenario
def listing(bucket):
    keys = ["a/1", "a/2", "b/1", "c", "d", "e"]
    for key in keys:
        s3.put_object(Bucket=bucket, Key=key, Body=key.encode())
    top = s3.list_objects_v2(Bucket=bucket, Delimiter="/")
    assert [p["Prefix"] for p in top["CommonPrefixes"]] == ["a/", "b/"]
    assert [o["Key"] for o in top["Contents"]] == ["c", "d", "e"]
    v2 = [o["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, PaginationConfig={"PageSize": 2})
          for o in page.get("Contents", [])]
    v1 = [o["Key"] for page in s3.get_paginator("list_objects").paginate(Bucket=bucket, PaginationConfig={"PageSize": 4})
          for o in page.get("Contents", [])]
    assert v2 == keys and v1 == keys, (v1, v2)


@scenario
def versioning(bucket):
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    v1 = s3.put_object(Bucket=bucket, Key="doc", Body=b"one")["VersionId"]
    v2 = s3.put_object(Bucket=bucket, Key="doc", Body=b"two")["VersionId"]
    assert s3.get_object(Bucket=bucket, Key="doc", VersionId=v1)["Body"].read() == b"one"
    marker = s3.delete_object(Bucket=bucket, Key="doc")
    assert marker["DeleteMarker"]
    expect_error(404, "NoSuchKey", s3.get_object, Bucket=bucket, Key="doc")
    listed = s3.list_object_versions(Bucket=bucket)
    assert [v["VersionId"] for v in listed["Versions"]] == [v2, v1] and len(listed["DeleteMarkers"]) == 1
    s3.delete_object(Bucket=bucket, Key="doc", VersionId=marker["VersionId"])
    assert s3.get_object(Bucket=bucket, Key="doc")["Body"].read() == b"two"


@scenario
def multipart(bucket):
    upload = s3.create_multipart_upload(Bucket=bucket, Key="big")["UploadId"]
    p1 = bytes(5 * MIB)
    e1 = s3.upload_part(Bucket=bucket, Key="big", UploadId=upload, PartNumber=1, Body=p1)["ETag"]
    e2 = s3.upload_part(Bucket=bucket, Key="big", UploadId=upload, PartNumber=2, Body=b"tail")["ETag"]
    parts = s3.list_parts(Bucket=bucket, Key="big", UploadId=upload)["Parts"]
    assert [p["PartNumber"] for p in parts] == [1, 2]
    expect_error(400, "InvalidPartOrder", s3.complete_multipart_upload, Bucket=bucket, Key="big", UploadId=upload,
                 MultipartUpload={"Parts": [{"PartNumber": 2, "ETag": e2}, {"PartNumber": 1, "ETag": e1}]})
    expect_error(400, "InvalidPart", s3.complete_multipart_upload, Bucket=bucket, Key="big", UploadId=upload,
                 MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": '"' + "0" * 32 + '"'}]})
    done = s3.complete_multipart_upload(Bucket=bucket, Key="big", UploadId=upload,
                                        MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": e1}, {"PartNumber": 2, "ETag": e2}]})
    expected = hashlib.md5(hashlib.md5(p1).digest() + hashlib.md5(b"tail").digest()).hexdigest() + "-2"
    assert done["ETag"] == '"' + expected + '"', done["ETag"]
    small = s3.create_multipart_upload(Bucket=bucket, Key="small")["UploadId"]
    s1 = s3.upload_part(Bucket=bucket, Key="small", UploadId=small, PartNumber=1, Body=b"a")["ETag"]
    s2 = s3.upload_part(Bucket=bucket, Key="small", UploadId=small, PartNumber=2, Body=b"b")["ETag"]
    expect_error(400, "EntityTooSmall", s3.complete_multipart_upload, Bucket=bucket, Key="small", UploadId=small,
                 MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": s1}, {"PartNumber": 2, "ETag": s2}]})
    assert [u["Key"] for u in s3.list_multipart_uploads(Bucket=bucket)["Uploads"]] == ["small"]
    s3.abort_multipart_upload(Bucket=bucket, Key="small", UploadId=small)
    expect_error(404, "NoSuchUpload", s3.list_parts, Bucket=bucket, Key="small", UploadId=small)


@scenario
def tagging(bucket):
    s3.put_object(Bucket=bucket, Key="t", Body=b"t", Tagging="team=blue")
    assert s3.get_object_tagging(Bucket=bucket, Key="t")["TagSet"] == [{"Key": "team", "Value": "blue"}]
    s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": [{"Key": "cost", "Value": "course"}]})
    assert s3.get_bucket_tagging(Bucket=bucket)["TagSet"] == [{"Key": "cost", "Value": "course"}]
    s3.delete_bucket_tagging(Bucket=bucket)
    expect_error(404, "NoSuchTagSet", s3.get_bucket_tagging, Bucket=bucket)


@scenario
def bucket_policy(bucket):
    s3.put_object(Bucket=bucket, Key="public.txt", Body=b"for everyone")
    url = f"{ENDPOINT}/{bucket}/public.txt"
    assert http(url)[0] == 403
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                                                       "Resource": f"arn:aws:s3:::{bucket}/*"}]}
    # New buckets block public policies (AWS's default since April 2023).
    expect_error(403, "AccessDenied", s3.put_bucket_policy, Bucket=bucket, Policy=json.dumps(policy))
    s3.delete_public_access_block(Bucket=bucket)
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))
    assert s3.get_bucket_policy_status(Bucket=bucket)["PolicyStatus"]["IsPublic"]
    assert http(url) == (200, b"for everyone")
    deny = {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
                                                     "Resource": f"arn:aws:s3:::{bucket}/*",
                                                     "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(deny))
    expect_error(403, "AccessDenied", s3.get_object, Bucket=bucket, Key="public.txt")
    s3.delete_bucket_policy(Bucket=bucket)
    expect_error(404, "NoSuchBucketPolicy", s3.get_bucket_policy, Bucket=bucket)
    expect_error(400, "MalformedPolicy", s3.put_bucket_policy, Bucket=bucket, Policy="{not json")


@scenario
def presigned_urls(bucket):
    s3.put_object(Bucket=bucket, Key="shared", Body=b"presigned")
    get = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "shared"}, ExpiresIn=300)
    assert http(get) == (200, b"presigned")
    put = s3.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": "via-url"}, ExpiresIn=300)
    assert http(put, "PUT", b"uploaded")[0] == 200
    assert s3.get_object(Bucket=bucket, Key="via-url")["Body"].read() == b"uploaded"
    status, body = http(get.replace("shared", "other"))
    assert status == 403 and b"SignatureDoesNotMatch" in body, body
    short = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "shared"}, ExpiresIn=1)
    time.sleep(2.1)
    status, body = http(short)
    assert status == 403 and b"expired" in body, body


@scenario
def not_implemented(bucket):
    expect_error(501, "NotImplemented", s3.get_bucket_replication, Bucket=bucket)
    expect_error(501, "NotImplemented", s3.get_bucket_analytics_configuration, Bucket=bucket, Id="a")
    expect_error(501, "NotImplemented", s3.put_object_lock_configuration, Bucket=bucket,
                 ObjectLockConfiguration={"ObjectLockEnabled": "Enabled"})
