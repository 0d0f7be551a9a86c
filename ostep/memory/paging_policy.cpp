// paging-policy: page replacement (OSTEP chapter 22, "Beyond Physical Memory: Policies").
//
// A cache of -C pages sees a stream of page references: drawn from the seed (-n pages below -m),
// listed with -a, or read from a file with -f (one page per line). On a miss with the cache full
// the policy picks the victim:
// - FIFO: the page that came in first; LRU: the least recently used (a hit moves a page to the
//   most-recently-used end); MRU: the most recently used (the script has it, unlisted);
// - OPT: the page whose next use is furthest away (the last such page on a tie), UNOPT: the one
//   used soonest (the first on a tie);
// - RAND: a random page; CLOCK: random pages are looked at until one has a use count of zero,
//   each look decrementing a non-zero count. Every reference adds one to its page's count, up to
//   -b (a page that comes in starts at 1 whatever -b says), as the script does.
// The random policies draw from the same generator as the references, after them.
#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "ostep/memory/common.h"
#include "ostep/memory/index.h"
#include "ostep/pyformat.h"
#include "ostep/pyrandom.h"

namespace ks::ostep::memory {
namespace {

enum class Policy { Fifo, Lru, Mru, Opt, Unopt, Rand, Clock };

void declare(OptionParser& parser) {
  parser
      .add_string("-a", "--addresses", "addresses", "-1",
                  "a set of comma-separated pages to access; -1 means randomly generate")
      .add_string("-f", "--addressfile", "addressfile", "", "a file with a bunch of addresses in it")
      .add_string("-n", "--numaddrs", "numaddrs", "10",
                  "if -a (--addresses) is -1, this is the number of addrs to generate")
      .add_string("-p", "--policy", "policy", "FIFO", "replacement policy: FIFO, LRU, OPT, UNOPT, RAND, CLOCK")
      .add_int("-b", "--clockbits", "clockbits", 2, "for CLOCK policy, how many clock bits to use")
      .add_string("-C", "--cachesize", "cachesize", "3", "size of the page cache, in pages")
      .add_string("-m", "--maxpage", "maxpage", "10",
                  "if randomly generating page accesses, this is the max page number")
      .add_string("-s", "--seed", "seed", "0", "random number seed")
      .add_flag("-N", "--notrace", "notrace", "do not print out a detailed trace")
      .add_flag("-c", "--compute", "solve", "compute answers for me");
}

// The page references, kept as the script keeps them (words of -a are read as numbers only when
// used, so a bad one stops the run where the script's int() would).
class References {
 public:
  std::vector<std::string> words;
  std::string source = "-a (--addresses)";

  std::size_t size() const { return words.size(); }
  std::int64_t page(std::size_t i) const { return python_int_or_error(words[i], source); }
};

// Lines as Python's text-mode file iteration yields them (universal newlines).
std::vector<std::string> file_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      lines.push_back(line);
      line.clear();
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      line += text[i];
    }
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

References read_address_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw InputError("-f (--addressfile): cannot open '" + path + "'");
  std::ostringstream text;
  text << file.rdbuf();
  References refs;
  const std::vector<std::string> lines = file_lines(text.str());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!parse_python_decimal(lines[i])) {
      throw InputError("-f (--addressfile): " + path + " line " + std::to_string(i + 1) + ": '" + lines[i] +
                       "' is not a page number");
    }
    refs.words.push_back(lines[i]);
  }
  refs.source = "-f (--addressfile)";
  return refs;
}

// When page PAGE is next referenced after position NOW: its position, or the number of references.
std::size_t next_use(const References& refs, std::size_t now, std::int64_t page) {
  for (std::size_t future = now + 1; future < refs.size(); ++future) {
    if (refs.page(future) == page) return future;
  }
  return refs.size();
}

struct Cache {
  std::vector<std::int64_t> pages;           // in the order the policy keeps them (left to right)
  std::map<std::int64_t, std::int64_t> use;  // CLOCK's use counts, by page
};

// Removes and returns the victim from a full CACHE for the reference at position NOW.
std::int64_t choose_victim(Policy policy, Cache& cache, const References& refs, std::size_t now, PyRandom& random) {
  auto& pages = cache.pages;
  const auto count = static_cast<double>(pages.size());
  std::size_t index = 0;
  switch (policy) {
    case Policy::Fifo:
    case Policy::Lru: index = 0; break;
    case Policy::Mru: index = pages.size() - 1; break;
    case Policy::Rand: index = static_cast<std::size_t>(random.random() * count); break;
    case Policy::Clock:
      for (;;) {
        index = static_cast<std::size_t>(random.random() * count);
        std::int64_t& bits = cache.use[pages[index]];
        if (bits < 1) break;
        --bits;
      }
      cache.use.erase(pages[index]);
      break;
    case Policy::Opt:
    case Policy::Unopt: {
      std::size_t chosen_use = policy == Policy::Opt ? 0 : refs.size() + 1;
      for (std::size_t i = 0; i < pages.size(); ++i) {
        const std::size_t when = next_use(refs, now, pages[i]);
        if (policy == Policy::Opt ? when >= chosen_use : when < chosen_use) {
          index = i;
          chosen_use = when;
        }
      }
      break;
    }
  }
  const std::int64_t victim = pages[index];
  pages.erase(pages.begin() + static_cast<std::ptrdiff_t>(index));
  return victim;
}

Policy parse_policy(const std::string& name) {
  if (name == "FIFO") return Policy::Fifo;
  if (name == "LRU") return Policy::Lru;
  if (name == "MRU") return Policy::Mru;
  if (name == "OPT") return Policy::Opt;
  if (name == "UNOPT") return Policy::Unopt;
  if (name == "RAND") return Policy::Rand;
  if (name == "CLOCK") return Policy::Clock;
  throw ScriptStop{py_percent("Policy %s is not yet implemented\n", name)};
}

void solve(const OptionParser& options, const References& refs, std::int64_t cachesize, PyRandom& random,
           Report& report) {
  std::ostream& out = report.text;
  const bool notrace = options.get_flag("notrace");
  const std::int64_t clockbits = options.get_int("clockbits");
  if (!notrace) out << "Solving...\n\n";
  const Policy policy = parse_policy(options.get_string("policy"));
  const char* left = policy == Policy::Fifo                           ? "FirstIn"
                     : policy == Policy::Lru || policy == Policy::Mru ? "LRU"
                                                                      : "Left ";
  const char* right = policy == Policy::Fifo                           ? "Lastin "
                      : policy == Policy::Lru || policy == Policy::Mru ? "MRU"
                                                                       : "Right";
  Cache cache;
  std::int64_t count = 0;
  std::int64_t hits = 0;
  std::int64_t misses = 0;
  auto& trace = report.data["trace"] = nlohmann::json::array();
  for (std::size_t now = 0; now < refs.size(); ++now) {
    const std::int64_t page = refs.page(now);
    report.data["references"].push_back(page);
    const auto found = std::find(cache.pages.begin(), cache.pages.end(), page);
    const bool hit = found != cache.pages.end();
    std::int64_t victim = -1;  // the script's "no victim", even when page -1 was the victim
    if (hit) {
      ++hits;
      if (policy == Policy::Lru || policy == Policy::Mru) {
        cache.pages.erase(found);
        cache.pages.push_back(page);
      }
    } else {
      ++misses;
      if (count == cachesize) {
        if (cache.pages.empty()) {
          throw InputError("-C (--cachesize): a cache of " + std::to_string(cachesize) + " pages cannot hold page " +
                           std::to_string(page));
        }
        victim = choose_victim(policy, cache, refs, now, random);
      } else {
        ++count;
      }
      cache.pages.push_back(page);
    }
    const auto [use, fresh] = cache.use.emplace(page, 1);
    if (!fresh && ++use->second > clockbits) use->second = clockbits;
    if (!notrace) {
      out << py_percent("Access: %d  %s %s -> %12s <- %s Replaced:%s [Hits:%d Misses:%d]\n", page,
                        hit ? "HIT " : "MISS", left, py_list(cache.pages), right,
                        victim == -1 ? std::string("-") : py_str(victim), hits, misses);
    }
    nlohmann::json step = {{"page", page}, {"hit", hit}, {"memory", cache.pages}};
    if (victim != -1) step["replaced"] = victim;
    trace.push_back(step);
  }
  out << "\n";
  if (hits + misses == 0) throw InputError("there are no page references, so there is no hit rate");
  const double rate = (100.0 * static_cast<double>(hits)) / (static_cast<double>(hits) + static_cast<double>(misses));
  out << py_percent("FINALSTATS hits %d   misses %d   hitrate %.2f\n", hits, misses, rate) << "\n";
  report.data["hits"] = hits;
  report.data["misses"] = misses;
  report.data["hit_rate"] = rate;
}

void simulate(const OptionParser& options, Report& report) {
  std::ostream& out = report.text;
  const std::string& addresses = options.get_string("addresses");
  const std::string& address_file = options.get_string("addressfile");
  const char* names[] = {"addresses", "addressfile", "numaddrs", "policy", "clockbits",
                         "cachesize", "maxpage",     "seed",     "notrace"};
  for (const char* name : names) print_words(out, {std::string("ARG ") + name, option_text(options.value(name))});
  out << "\n";
  const std::int64_t numaddrs = python_int_or_error(options.get_string("numaddrs"), "-n (--numaddrs)");
  const std::int64_t cachesize = python_int_or_error(options.get_string("cachesize"), "-C (--cachesize)");
  const std::int64_t seed = python_int_or_error(options.get_string("seed"), "-s (--seed)");
  const std::int64_t maxpage = python_int_or_error(options.get_string("maxpage"), "-m (--maxpage)");
  PyRandom random(seed);

  References refs;
  if (!address_file.empty()) {
    refs = read_address_file(address_file);
  } else if (addresses == "-1") {
    for (std::int64_t i = 0; i < numaddrs; ++i) {
      refs.words.push_back(std::to_string(static_cast<std::int64_t>(static_cast<double>(maxpage) * random.random())));
    }
  } else {
    refs.words = split_commas(addresses);
  }
  report.data["seed"] = seed;
  report.data["policy"] = options.get_string("policy");
  report.data["cache_size"] = cachesize;
  report.data["references"] = nlohmann::json::array();

  if (!options.get_flag("solve")) {
    out << py_percent("Assuming a replacement policy of %s, and a cache of size %d pages,\n",
                      options.get_string("policy"), cachesize)
        << "figure out whether each of the following page references hit or miss\nin the page cache.\n\n";
    for (std::size_t i = 0; i < refs.size(); ++i) {
      const std::int64_t page = refs.page(i);
      out << py_percent("Access: %d  Hit/Miss?  State of Memory?\n", page);
      report.data["references"].push_back(page);
    }
    out << "\n";
    return;
  }
  solve(options, refs, cachesize, random, report);
}

}  // namespace

int run_paging_policy(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_memory_simulator("paging-policy", args, out, err, declare, simulate);
}

}  // namespace ks::ostep::memory
