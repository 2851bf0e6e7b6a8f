"""moto's AWS API on loopback for the out-of-band drift tests: binds a free port, prints it, serves until stdin closes.

    python serve.py                      -> prints "PORT\n", then serves
    python serve.py tag BUCKET KEY VALUE -> (with MOTO_URL) replaces a bucket's tags, out of band
    python serve.py delete BUCKET        -> (with MOTO_URL) empties and deletes a bucket, out of band
"""
import os
import sys


def serve():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    print(server.get_host_and_port()[1], flush=True)
    # The test owns the server's life: it ends when the test closes our stdin (or dies).
    sys.stdin.read()
    server.stop()


def client():
    import boto3

    return boto3.client(
        "s3", endpoint_url=os.environ["MOTO_URL"], region_name="us-east-1",
        aws_access_key_id="testing", aws_secret_access_key="testing")


if __name__ == "__main__":
    command = sys.argv[1:] or ["serve"]
    if command[0] == "serve":
        serve()
    elif command[0] == "tag":
        _, bucket, key, value = command
        client().put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": [{"Key": key, "Value": value}]})
    elif command[0] == "delete":
        s3 = client()
        for item in s3.list_objects_v2(Bucket=command[1]).get("Contents", []):
            s3.delete_object(Bucket=command[1], Key=item["Key"])
        s3.delete_bucket(Bucket=command[1])
    else:
        sys.exit(f"unknown command {command[0]}")
