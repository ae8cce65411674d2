// Exposes the Z3 C API (Debian package libz3-dev) to Swift.
#include <z3.h>
