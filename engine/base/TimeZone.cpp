#include "engine/base/TimeZone.h"

#include "engine/base/Exception.h"

#include <cctz/civil_time.h>
#include <cctz/time_zone.h>

#include <chrono>
#include <map>
#include <mutex>

namespace pipit
{

namespace
{

/// Range of the per-day offset table: 1900-01-01 .. 2299-12-31 (UTC days).
constexpr Int64 table_first_day = -25567;
constexpr Int64 table_end_day = 120529;

using Seconds = cctz::time_point<cctz::seconds>;

Seconds toTimePoint(Int64 t)
{
    return Seconds(cctz::seconds(t));
}

Int64 civilToEpochSeconds(const cctz::civil_second & cs)
{
    return cs - cctz::civil_second(1970, 1, 1, 0, 0, 0);
}

} // namespace

struct TimeZone::Impl
{
    cctz::time_zone zone;
};

TimeZone::TimeZone(std::string name)
    : name_(std::move(name))
    , impl_(std::make_unique<Impl>())
{
    if (name_ == "UTC" || name_ == "Etc/UTC" || name_ == "GMT" || name_ == "Etc/GMT" || name_ == "UCT" || name_ == "Universal" ||
        name_ == "Zulu" || name_ == "Etc/Universal" || name_ == "Etc/Zulu" || name_ == "Etc/UCT")
    {
        is_utc_ = true;
        impl_->zone = cctz::utc_time_zone();
        return;
    }
    if (name_.empty() || !cctz::load_time_zone(name_, &impl_->zone))
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Unknown time zone '" + name_ + "'");

    // Collect transitions from 1900 to 2300, then fill one entry per UTC day.
    struct Transition
    {
        Int64 time;
        Int32 offset_after;
    };
    std::vector<Transition> transitions;
    Int64 start = table_first_day * 86400;
    Int64 end = (table_end_day + 1) * 86400;
    Int32 offset = impl_->zone.lookup(toTimePoint(start)).offset;
    Int32 initial_offset = offset;
    Seconds tp = toTimePoint(start);
    cctz::time_zone::civil_transition trans;
    while (impl_->zone.next_transition(tp, &trans))
    {
        Int64 time = civilToEpochSeconds(trans.from) - offset;
        if (time >= end || time <= tp.time_since_epoch().count())
            break;
        Int32 after = static_cast<Int32>(civilToEpochSeconds(trans.to) - time);
        transitions.push_back({time, after});
        offset = after;
        tp = toTimePoint(time);
    }

    table_first_day_ = table_first_day;
    table_.resize(static_cast<size_t>(table_end_day - table_first_day) + 1); // + sentinel day
    size_t next = 0;
    offset = initial_offset;
    for (Int64 day = table_first_day; day <= table_end_day; ++day)
    {
        Int64 day_start = day * 86400;
        while (next < transitions.size() && transitions[next].time <= day_start)
            offset = transitions[next++].offset_after;
        DayEntry entry {offset, -1};
        size_t inside = next;
        while (inside < transitions.size() && transitions[inside].time < day_start + 86400)
            ++inside;
        // The offset after a single transition is the next day's starting offset, unless another
        // transition happens exactly at the next day's start.
        bool next_day_starts_with_transition = inside < transitions.size() && transitions[inside].time == day_start + 86400;
        if (inside - next == 1 && day < table_end_day && !next_day_starts_with_transition)
            entry.transition_second = static_cast<Int32>(transitions[next].time - day_start);
        else if (inside - next >= 1)
            entry.transition_second = -2;
        table_[static_cast<size_t>(day - table_first_day)] = entry;
    }
}

TimeZone::~TimeZone() = default;

const TimeZone & TimeZone::get(std::string_view name)
{
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<TimeZone>, std::less<>> zones;
    if (name == "UTC")
        return utc();
    std::lock_guard lock(mutex);
    auto it = zones.find(name);
    if (it != zones.end())
        return *it->second;
    auto zone = std::make_unique<TimeZone>(std::string(name));
    const TimeZone & result = *zone;
    zones.emplace(std::string(name), std::move(zone));
    return result;
}

const TimeZone & TimeZone::utc()
{
    static const TimeZone zone("UTC");
    return zone;
}

Int64 TimeZone::offsetAtSlow(Int64 t) const
{
    Int64 day = floorDiv(t, 86400);
    if (day >= table_first_day_ && day + 1 < table_first_day_ + static_cast<Int64>(table_.size()))
    {
        size_t index = static_cast<size_t>(day - table_first_day_);
        const DayEntry & e = table_[index];
        if (e.transition_second == -1)
            return e.offset;
        if (e.transition_second >= 0)
            return t - day * 86400 >= e.transition_second ? table_[index + 1].offset : e.offset;
    }
    return impl_->zone.lookup(toTimePoint(t)).offset;
}

Int64 TimeZone::fromLocalSeconds(Int64 local) const
{
    if (is_utc_)
        return local;
    Int64 guess = local - offsetAt(local);
    Int64 before = offsetAt(guess - 43200);
    Int64 after = offsetAt(guess + 43200);
    Int64 candidate = local - before;
    if (offsetAt(candidate) == before)
        return candidate;
    candidate = local - after;
    if (offsetAt(candidate) == after)
        return candidate;
    // Skipped by a forward jump: interpret with the offset before the jump.
    return local - before;
}

CivilTime TimeZone::toCivil(Int64 t) const
{
    Int64 local = toLocalSeconds(t);
    Int64 days = floorDiv(local, 86400);
    Int64 sod = local - days * 86400;
    CivilDate date = civilFromDays(static_cast<Int32>(days));
    CivilTime res;
    res.year = date.year;
    res.month = date.month;
    res.day = date.day;
    res.hour = static_cast<UInt8>(sod / 3600);
    res.minute = static_cast<UInt8>(sod / 60 % 60);
    res.second = static_cast<UInt8>(sod % 60);
    res.day_of_week = dayOfWeek(static_cast<Int32>(days));
    return res;
}

Int64 TimeZone::fromCivil(Int32 year, Int32 month, Int32 day, Int32 hour, Int32 minute, Int32 second) const
{
    Int64 local = Int64(daysFromCivil(year, month, day)) * 86400 + Int64(hour) * 3600 + Int64(minute) * 60 + second;
    return fromLocalSeconds(local);
}

CivilDate TimeZone::civilFromDays(Int32 days)
{
    // Howard Hinnant's civil_from_days.
    Int64 z = Int64(days) + 719468;
    Int64 era = (z >= 0 ? z : z - 146096) / 146097;
    Int64 doe = z - era * 146097;
    Int64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    Int64 y = yoe + era * 400;
    Int64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    Int64 mp = (5 * doy + 2) / 153;
    Int64 d = doy - (153 * mp + 2) / 5 + 1;
    Int64 m = mp < 10 ? mp + 3 : mp - 9;
    CivilDate res;
    res.year = static_cast<Int32>(y + (m <= 2));
    res.month = static_cast<UInt8>(m);
    res.day = static_cast<UInt8>(d);
    return res;
}

Int32 TimeZone::daysFromCivil(Int32 year, Int32 month, Int32 day)
{
    Int64 y = Int64(year) + floorDiv(Int64(month) - 1, 12);
    Int64 m = floorMod(Int64(month) - 1, 12) + 1;
    y -= m <= 2;
    Int64 era = (y >= 0 ? y : y - 399) / 400;
    Int64 yoe = y - era * 400;
    Int64 doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1;
    Int64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<Int32>(era * 146097 + doe - 719468);
}

Int32 TimeZone::toStartOfMonth(Int32 days)
{
    CivilDate d = civilFromDays(days);
    return days - (d.day - 1);
}

Int32 TimeZone::toStartOfQuarter(Int32 days)
{
    CivilDate d = civilFromDays(days);
    return daysFromCivil(d.year, (d.month - 1) / 3 * 3 + 1, 1);
}

Int32 TimeZone::toStartOfYear(Int32 days)
{
    return daysFromCivil(civilFromDays(days).year, 1, 1);
}

UInt8 TimeZone::daysInMonth(Int32 year, Int32 month)
{
    static constexpr UInt8 days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && isLeapYear(year))
        return 29;
    return days[(month - 1) % 12];
}

} // namespace pipit
