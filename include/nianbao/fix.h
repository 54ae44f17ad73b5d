/* fix.h — applying the findings that carry one right replacement (being written). */
#ifndef NIANBAO_FIX_H
#define NIANBAO_FIX_H
#include "check.h"
#include "report.h"
#endif
