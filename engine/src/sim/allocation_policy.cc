#include "sim/allocation_policy.h"

namespace pbflow::sim {

bool AllocationPolicy::review_due(int month, int fiscal_month) const {
  switch (review_) {
    case Review::monthly: return true;
    case Review::quarterly: return month == 0 || fiscal_month % 3 == 0;
    case Review::fiscal_year: return month == 0 || fiscal_month == 0;
  }
  return true;
}

}  // namespace pbflow::sim
