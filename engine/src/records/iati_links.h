// Delivery chains between IATI activities: each hop from a payer's
// activity to a payee's, as either side records it, and where it breaks.
#pragma once

#include <vector>

#include "pbflow/records.h"

namespace pbflow::records {

std::vector<IatiLink> link_activities(const IatiImport& iati);

}  // namespace pbflow::records
