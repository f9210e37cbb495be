#!/usr/bin/env bash
# The tracked public API is enforced: a copy of src/OptGen.Attributes (the smallest tracked project, with the
# repository's build files) builds as it is, fails with RS0016 naming a public type added without a line in
# PublicAPI.Unshipped.txt, and fails with RS0017 when PublicAPI.Shipped.txt lists a member the code no longer has.
# The same analyzer and files guard OptGen.Runtime, OptGen.Training and OptGen.Testing (docs/packaging.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$SECONDS
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp Directory.Build.props Directory.Build.targets Directory.Packages.props global.json .editorconfig "$work/"
mkdir -p "$work/src"
cp -r src/OptGen.Attributes "$work/src/"
rm -rf "$work/src/OptGen.Attributes/bin" "$work/src/OptGen.Attributes/obj"
project="$work/src/OptGen.Attributes/OptGen.Attributes.csproj"
build() { dotnet build "$project" -c Release -clp:NoSummary 2>&1 | tee "$work/build.log"; }

echo "--- as committed"
build || { echo "the copy of OptGen.Attributes does not build as committed"; exit 1; }

echo "--- a public type not in PublicAPI.*.txt"
cat >"$work/src/OptGen.Attributes/Undeclared.cs" <<'EOF'
namespace OptGen;

/// <summary>A public type added without declaring it.</summary>
public sealed class UndeclaredApi { }
EOF
build && { echo "a public type missing from PublicAPI.Unshipped.txt did not fail the build"; exit 1; }
grep -q "error RS0016: Symbol 'OptGen.UndeclaredApi' is not part of the declared public API" "$work/build.log" \
  || { echo "no RS0016 error naming OptGen.UndeclaredApi"; exit 1; }
echo "OptGen.UndeclaredApi" >>"$work/src/OptGen.Attributes/PublicAPI.Unshipped.txt"
echo "OptGen.UndeclaredApi.UndeclaredApi() -> void" >>"$work/src/OptGen.Attributes/PublicAPI.Unshipped.txt"
build || { echo "declared in PublicAPI.Unshipped.txt, the new type still fails the build"; exit 1; }

echo "--- a shipped member that is gone"
shipped="$work/src/OptGen.Attributes/PublicAPI.Shipped.txt"
echo "OptGen.UpdateAttribute.RemovedMember.get -> int" >>"$shipped"
build && { echo "a shipped member missing from the code did not fail the build"; exit 1; }
grep -q "error RS0017: Symbol 'OptGen.UpdateAttribute.RemovedMember.get -> int' is part of the declared API, but is either not public or could not be found" "$work/build.log" \
  || { echo "no RS0017 error naming the removed member"; exit 1; }

echo "public API check passed in $((SECONDS - started)) s"
