// libical (Debian libical-dev): the RFC 5545 writer behind the technicians' calendar feeds.
#include <libical/ical.h>
