// Exposes libyaml (Debian package libyaml-dev) to Swift.
#include <yaml.h>
