// kernel/mm/replace/ref_generators.cpp — the seeded reference-string generators (ref_strings.h).
#include <algorithm>

#include "kernel/mm/replace/ref_strings.h"
#include "sim-core/error.h"
#include "sim-core/random.h"

namespace ks {
namespace {

constexpr std::int64_t kMaxLength = 100'000'000;
constexpr std::int64_t kMaxPages = 1 << 24;

std::vector<ParamSpec> with_common(std::vector<ParamSpec> own) {
  std::vector<ParamSpec> params = {
      {"length", ParamType::Integer, "1000", "references to generate", 1, kMaxLength},
      {"pages", ParamType::Integer, "100", "distinct pages (numbered from 0)", 1, kMaxPages},
      {"write_percent", ParamType::Integer, "0", "percentage of references that write", 0, 100}};
  params.insert(params.end(), own.begin(), own.end());
  return params;
}

// The page of reference T of a generator; RANDOM is the stream "references".
class PageSource {
 public:
  virtual ~PageSource() = default;
  virtual std::uint32_t next(std::uint64_t t, RandomStream& random) = 0;
};

class Loop final : public PageSource {
 public:
  explicit Loop(std::uint32_t pages) : pages_(pages) {}
  std::uint32_t next(std::uint64_t t, RandomStream& /*random*/) override {
    return static_cast<std::uint32_t>(t % pages_);
  }

 private:
  std::uint32_t pages_;
};

class Uniform final : public PageSource {
 public:
  explicit Uniform(std::uint32_t pages) : pages_(pages) {}
  std::uint32_t next(std::uint64_t /*t*/, RandomStream& random) override {
    return static_cast<std::uint32_t>(random.uniform(0, pages_ - 1));
  }

 private:
  std::int64_t pages_;
};

// Inverse transform over the cumulative weights 1/(k+1)^skew, computed with det_exp and
// det_log so that every platform draws the same pages.
class Zipf final : public PageSource {
 public:
  Zipf(std::uint32_t pages, double skew) : cumulative_(pages) {
    double total = 0;
    for (std::uint32_t k = 0; k < pages; ++k) {
      total += skew == 0 ? 1.0 : det_exp(-skew * det_log(static_cast<double>(k) + 1));
      cumulative_[k] = total;
    }
  }
  std::uint32_t next(std::uint64_t /*t*/, RandomStream& random) override {
    const double u = random.unit() * cumulative_.back();
    const auto at = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
    return static_cast<std::uint32_t>(
        std::min<std::ptrdiff_t>(at - cumulative_.begin(), static_cast<std::ptrdiff_t>(cumulative_.size()) - 1));
  }

 private:
  std::vector<double> cumulative_;
};

class HotCold final : public PageSource {
 public:
  HotCold(std::uint32_t pages, std::int64_t hot_percent, std::int64_t hot_share)
      : pages_(pages), hot_(std::max<std::int64_t>(1, pages * hot_percent / 100)), share_(hot_share) {}
  std::uint32_t next(std::uint64_t /*t*/, RandomStream& random) override {
    const bool hot = hot_ == pages_ || random.chance(static_cast<std::uint64_t>(share_), 100);
    return static_cast<std::uint32_t>(hot ? random.uniform(0, hot_ - 1) : random.uniform(hot_, pages_ - 1));
  }

 private:
  std::int64_t pages_, hot_, share_;
};

class Phased final : public PageSource {
 public:
  Phased(std::uint32_t pages, std::uint64_t length, std::uint64_t phases, std::uint32_t set)
      : pages_(pages), phase_length_(std::max<std::uint64_t>(1, length / phases)), phases_(phases), set_(set) {}
  std::uint32_t next(std::uint64_t t, RandomStream& random) override {
    const std::uint64_t phase = std::min(t / phase_length_, phases_ - 1);
    const std::uint64_t first = phase * set_ % pages_;
    return static_cast<std::uint32_t>((first + static_cast<std::uint64_t>(random.uniform(0, set_ - 1))) % pages_);
  }

 private:
  std::uint64_t pages_, phase_length_, phases_;
  std::int64_t set_;
};

class ScanHot final : public PageSource {
 public:
  ScanHot(std::uint32_t pages, std::uint32_t hot, std::int64_t scan_percent)
      : pages_(pages), hot_(hot), scan_percent_(scan_percent) {}
  std::uint32_t next(std::uint64_t /*t*/, RandomStream& random) override {
    if (random.chance(static_cast<std::uint64_t>(scan_percent_), 100)) {
      const std::uint32_t page = hot_ + scan_;
      scan_ = scan_ + 1 == pages_ - hot_ ? 0 : scan_ + 1;
      return page;
    }
    return static_cast<std::uint32_t>(random.uniform(0, hot_ - 1));
  }

 private:
  std::uint32_t pages_, hot_;
  std::int64_t scan_percent_;
  std::uint32_t scan_ = 0;
};

[[noreturn]] void refuse(const std::string& key, const std::string& problem) {
  throw InputError({"", 0, 0, key}, problem);
}

std::unique_ptr<PageSource> page_source(const ReferenceGenerator& generator, const PolicyParams& params) {
  const auto pages = static_cast<std::uint32_t>(params.integer("pages"));
  const std::string& name = generator.name;
  if (name == "loop") return std::make_unique<Loop>(pages);
  if (name == "uniform") return std::make_unique<Uniform>(pages);
  if (name == "zipf") return std::make_unique<Zipf>(pages, params.real("skew"));
  if (name == "80-20") {
    return std::make_unique<HotCold>(pages, params.integer("hot_percent"), params.integer("hot_share"));
  }
  if (name == "phased") {
    const std::int64_t set = params.integer("set");
    if (set > pages)
      refuse("set", "must not be above pages (" + std::to_string(pages) + "), got " + std::to_string(set));
    return std::make_unique<Phased>(pages, static_cast<std::uint64_t>(params.integer("length")),
                                    static_cast<std::uint64_t>(params.integer("phases")),
                                    static_cast<std::uint32_t>(set));
  }
  KS_ASSERT(name == "scan-hot", "every generator has a page source");
  const std::int64_t hot = params.integer("hot");
  if (hot >= pages) {
    refuse("hot", "must be below pages (" + std::to_string(pages) + "), so that there are pages to scan, got " +
                      std::to_string(hot));
  }
  return std::make_unique<ScanHot>(pages, static_cast<std::uint32_t>(hot), params.integer("scan_percent"));
}

}  // namespace

const std::vector<ReferenceGenerator>& reference_generators() {
  static const std::vector<ReferenceGenerator> generators = {
      {"loop", "pages 0 .. pages-1 in order, over and over", with_common({})},
      {"uniform", "every page equally likely", with_common({})},
      {"zipf", "page k with probability proportional to 1/(k+1)^skew",
       with_common({{"skew", ParamType::Real, "1.0", "the exponent: 0 is uniform, larger is more skewed", 0, 10}})},
      {"80-20", "hot_share % of references to the first hot_percent % of the pages",
       with_common({{"hot_percent", ParamType::Integer, "20", "the hot pages, as a percentage of pages", 1, 100},
                    {"hot_share", ParamType::Integer, "80", "the percentage of references to hot pages", 0, 100}})},
      {"phased", "equal phases, each uniform over its own working set of `set` pages",
       with_common({{"phases", ParamType::Integer, "4", "number of phases", 1, kMaxLength},
                    {"set", ParamType::Integer, "10", "pages in each phase's working set", 1, kMaxPages}})},
      {"scan-hot", "a hot set mixed with a sequential scan over the other pages",
       with_common({{"hot", ParamType::Integer, "10", "pages in the hot set (pages 0 .. hot-1)", 1, kMaxPages},
                    {"scan_percent", ParamType::Integer, "50", "the percentage of references that scan", 0, 100}})},
  };
  return generators;
}

const ReferenceGenerator* find_reference_generator(std::string_view name) {
  for (const ReferenceGenerator& generator : reference_generators()) {
    if (generator.name == name) return &generator;
  }
  return nullptr;
}

ReferenceString generate_references(const ReferenceGenerator& generator, const PolicyParams& params,
                                    std::uint64_t seed) {
  const std::unique_ptr<PageSource> source = page_source(generator, params);
  const auto length = static_cast<std::uint64_t>(params.integer("length"));
  const auto write_percent = static_cast<std::uint64_t>(params.integer("write_percent"));
  RandomStream random("references", seed);
  RandomStream writes("reference-writes", seed);
  ReferenceString refs;
  refs.pages.reserve(length);
  refs.writes.reserve(length);
  for (std::uint64_t t = 0; t < length; ++t) {
    const std::uint32_t page = source->next(t, random);
    refs.add({0, page}, write_percent != 0 && writes.chance(write_percent, 100));
  }
  return refs;
}

}  // namespace ks
