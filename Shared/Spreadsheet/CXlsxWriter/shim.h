// libxlsxwriter (Debian's libxlsxwriter-dev): writes XLSX files without hand-written XML.
#include <xlsxwriter.h>
