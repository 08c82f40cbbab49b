// libHaru (Debian libhpdf-dev): the PDF library web-report prints intervention reports with.
#include <hpdf.h>
