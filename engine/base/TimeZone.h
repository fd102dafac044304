#pragma once

#include "engine/base/BasicTypes.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pipit
{

/// Calendar date (proleptic Gregorian), independent of any time zone.
struct CivilDate
{
    Int32 year = 1970;
    UInt8 month = 1; /// 1..12
    UInt8 day = 1;   /// 1..31
};

/// Broken-down local time of an instant in a zone.
struct CivilTime
{
    Int32 year = 1970;
    UInt8 month = 1;
    UInt8 day = 1;
    UInt8 hour = 0;
    UInt8 minute = 0;
    UInt8 second = 0;
    UInt8 day_of_week = 4; /// Monday = 1 .. Sunday = 7
};

/// An IANA time zone with fast conversions between instants (Int64 seconds since the epoch) and
/// local civil time. UTC (and fixed offsets) use pure arithmetic; other zones use a table of
/// per-UTC-day offsets built once on first use for 1900..2299 (cctz outside that range or on days
/// with more than one transition). Instances are immutable, cached forever and thread-safe.
class TimeZone
{
public:
    /// Cached per name. Throws BAD_ARGUMENTS for an unknown zone.
    static const TimeZone & get(std::string_view name);
    static const TimeZone & utc();

    const std::string & name() const { return name_; }
    bool isUTC() const { return is_utc_; }

    /// Seconds east of UTC in effect at instant t.
    Int64 offsetAt(Int64 t) const
    {
        if (is_utc_)
            return 0;
        UInt64 index = static_cast<UInt64>(floorDiv(t, 86400) - table_first_day_);
        if (index < table_.size() - 1) [[likely]] // table_ is never empty for non-UTC zones; the last entry is a sentinel
        {
            const DayEntry & e = table_[index];
            if (e.transition_second == -1)
                return e.offset;
        }
        return offsetAtSlow(t);
    }
    /// Local time as seconds since 1970-01-01 00:00:00 local.
    Int64 toLocalSeconds(Int64 t) const { return t + offsetAt(t); }

    /// Days since 1970-01-01 of the local date of instant t.
    Int32 toDayNum(Int64 t) const { return static_cast<Int32>(floorDiv(toLocalSeconds(t), 86400)); }
    CivilTime toCivil(Int64 t) const;
    /// Seconds of the local time of day (0..86399).
    Int32 toSecondOfDay(Int64 t) const { return static_cast<Int32>(floorMod(toLocalSeconds(t), 86400)); }

    /// Instant of local civil time. Out-of-range fields are normalised (month 13 = next January);
    /// a local time skipped by a DST jump maps to the instant the clock shows it after the jump
    /// moved forward, a repeated time to its first occurrence.
    Int64 fromCivil(Int32 year, Int32 month, Int32 day, Int32 hour = 0, Int32 minute = 0, Int32 second = 0) const;
    /// Instant of local midnight starting day `day_num` (days since epoch).
    Int64 fromDayNum(Int32 day_num) const { return fromLocalSeconds(Int64(day_num) * 86400); }
    /// Instant whose local time is `local` (seconds since local epoch), same rules as fromCivil.
    Int64 fromLocalSeconds(Int64 local) const;

    Int64 toStartOfMinute(Int64 t) const { return t - floorMod(toLocalSeconds(t), 60); }
    Int64 toStartOfHour(Int64 t) const { return fromLocalSeconds(toLocalSeconds(t) - floorMod(toLocalSeconds(t), 3600)); }
    Int64 toStartOfDay(Int64 t) const { return fromDayNum(toDayNum(t)); }
    /// Start of the local interval of `seconds` length, aligned to the local epoch.
    Int64 toStartOfInterval(Int64 t, Int64 seconds) const
    {
        Int64 local = toLocalSeconds(t);
        return fromLocalSeconds(local - floorMod(local, seconds));
    }

    /// Zone-independent calendar arithmetic on days since 1970-01-01.
    static CivilDate civilFromDays(Int32 days);
    static Int32 daysFromCivil(Int32 year, Int32 month, Int32 day);
    /// Monday = 1 .. Sunday = 7.
    static UInt8 dayOfWeek(Int32 days) { return static_cast<UInt8>(floorMod(Int64(days) + 3, 7) + 1); }
    static Int32 toMonday(Int32 days) { return days - (dayOfWeek(days) - 1); }
    static Int32 toStartOfMonth(Int32 days);
    static Int32 toStartOfQuarter(Int32 days);
    static Int32 toStartOfYear(Int32 days);
    static bool isLeapYear(Int32 year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }
    static UInt8 daysInMonth(Int32 year, Int32 month);

    static Int64 floorDiv(Int64 a, Int64 b)
    {
        Int64 q = a / b;
        return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
    }
    static Int64 floorMod(Int64 a, Int64 b) { return a - floorDiv(a, b) * b; }

    explicit TimeZone(std::string name); /// use get()
    ~TimeZone();
    TimeZone(const TimeZone &) = delete;
    TimeZone & operator=(const TimeZone &) = delete;

private:
    struct Impl;

    Int64 offsetAtSlow(Int64 t) const;

    /// One entry per UTC day in [table_first_day_, table_first_day_ + size - 1) plus a sentinel:
    /// offset at the day's start and the second of its only transition (-1 = none, -2 = several,
    /// answered by cctz). After a single transition the offset is the next entry's `offset`.
    struct DayEntry
    {
        Int32 offset;
        Int32 transition_second;
    };

    std::string name_;
    bool is_utc_ = false;
    std::unique_ptr<Impl> impl_;
    std::vector<DayEntry> table_;
    Int64 table_first_day_ = 0;
};

} // namespace pipit
