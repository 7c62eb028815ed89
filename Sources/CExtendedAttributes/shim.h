// The C library's extended-attribute calls (flistxattr, fgetxattr, fsetxattr), which Glibc's Swift module
// does not export; SafeFileWriter uses them to keep a replaced file's attributes and POSIX ACLs.
#include <sys/xattr.h>
