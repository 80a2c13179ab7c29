# Sourced by the scripts/setup-*.sh after they set the array PKGS: installs
# those of the Debian packages that are not installed yet (apt-get, through
# sudo when not root). Installs nothing when all are there.
#   PKGS=(...); . "$(dirname "$0")/apt-install-missing.sh"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
