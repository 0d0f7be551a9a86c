// visualizer/model/paging_svg.h — the paging view's grids as an SVG drawing, for slides.
//
// Each run of the paging model (one policy, or two on the same string) becomes the textbook's
// grid, one above the other: the title and totals up to the cursor, the reference string with
// the references up to the cursor green (hit) or red (miss), a row per frame with the page after
// each reference (the frame a faulting page came into tinted), and the victims. Columns after the
// cursor are left empty, as on screen.
#pragma once

#include <string>

#include "visualizer/model/paging_model.h"
#include "visualizer/model/palette.h"

namespace ks::viz {

// THEME: light when null (slides are usually light).
std::string paging_svg(const PagingModel& model, const Theme* theme = nullptr);

}  // namespace ks::viz
