#!/usr/bin/env bash
# Installs the real S3 clients that the compatibility suite (compat/) drives,
# on a Debian 12 machine that already has Go, Node/npm and the pyenv Python
# with AWS CLI v1, boto3 and moto_server:
#   - AWS CLI v2: Debian's awscli package, at /usr/bin/aws (the pyenv `aws`
#     shim, v1, comes first on PATH, so the suite calls v2 by full path);
#   - @aws-sdk/client-s3 and @duckdb/node-api (DuckDB, whose native binding
#     comes in an npm package too): `npm ci` into compat/node_modules, at the
#     versions compat/package.json and compat/package-lock.json pin.
# Idempotent: what is already there is not installed again. Runs as root.
# Ends with the client versions the suite will find.
set -euo pipefail
cd "$(dirname "$0")/.."

# version_of CMD...: the first line CMD prints for --version, or nothing.
version_of() { "$@" --version 2>&1 | head -n 1 || true; }

case "$(version_of /usr/bin/aws)" in
  aws-cli/2.*) ;;
  *)
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends awscli
    case "$(version_of /usr/bin/aws)" in
      aws-cli/2.*) ;;
      *) echo "install-clients: /usr/bin/aws is not AWS CLI v2 after apt-get install awscli" >&2; exit 1 ;;
    esac
    ;;
esac

# Debian's Chromium and ChromeDriver for the console's browser test
# (s3fake/console_browser_test.go, which fails without them under CI=true).
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends chromium chromium-driver
fi

# npm ls fails when a package of package.json is missing or at another
# version; the import fails when DuckDB's native binding does not load.
if ! (cd compat && npm ls --depth=0 >/dev/null 2>&1 &&
  node --input-type=module -e 'await import("@duckdb/node-api")' >/dev/null 2>&1); then
  (cd compat && npm ci --no-audit --no-fund --loglevel=error)
fi
js_version=$(cd compat && node -p 'require("@aws-sdk/client-s3/package.json").version')
duckdb_version=$(cd compat && node -p 'require("@duckdb/node-api/package.json").version')

# The clients that come with the image (the suite fails in CI without them).
v1="MISSING"
for c in "$(command -v aws || true)" "${PYENV_ROOT:-$HOME/.pyenv}/shims/aws"; do
  if [ -n "$c" ] && [ -x "$c" ]; then
    case "$(version_of "$c")" in aws-cli/1.*) v1="$c: $(version_of "$c")"; break ;; esac
  fi
done
boto3_version=$(python3 -c 'import boto3; print(boto3.__version__)' 2>/dev/null || echo MISSING)
moto_version=$(python3 -c 'import moto; print(moto.__version__)' 2>/dev/null || echo MISSING)

echo "AWS CLI v1:         $v1"
echo "AWS CLI v2:         /usr/bin/aws: $(version_of /usr/bin/aws)"
echo "boto3:              $boto3_version"
echo "@aws-sdk/client-s3: $js_version"
echo "@duckdb/node-api:   $duckdb_version"
echo "chromium:           $(version_of /usr/bin/chromium)"
echo "chromedriver:       $(version_of /usr/bin/chromedriver)"
echo "moto_server:        $(command -v moto_server || echo MISSING) (moto $moto_version)"
