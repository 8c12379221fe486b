"""A print job's file name carries the day the job was asked for, China time."""

from datetime import UTC, datetime

from fieldapp.models import Job
from fieldapp.printing.output import result_stem


def test_the_file_is_named_after_the_china_day_not_the_utc_day():
    uuid = "1a2b3c4d-0000-4000-8000-000000000000"
    late = Job(uuid=uuid, params={"town_code": "469006100"})
    # 05:50 on 2 December in Wanning is still 1 December in UTC.
    late.created_at = datetime(2026, 12, 1, 21, 50, tzinfo=UTC)
    assert result_stem(late) == "casefiles-469006100-20261202-1a2b3c4d"
    whole_city = Job(uuid=uuid, params={})
    whole_city.created_at = datetime(2026, 12, 1, 15, 59, tzinfo=UTC)
    assert result_stem(whole_city) == "casefiles-all-20261201-1a2b3c4d"
