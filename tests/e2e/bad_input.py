"""What the bad-input suites (test_ps_bad_input.py, test_sm_bad_input.py) share:
AWS's model-validation texts (the same for both APIs), placeholders in case
bodies, and the check of one refused raw request."""

import json

V, S = "ValidationException", "SerializationException"
NULL = "Member must not be null"


def too_long(n):
    return f"Member must have length less than or equal to {n}"


def too_short(n):
    return f"Member must have length greater than or equal to {n}"


def substitute(value, names):
    """`value` (a case body or text) with each placeholder of `names` ("$N": a
    fresh name, ...) replaced by its value, in keys too."""
    if isinstance(value, str):
        for k, v in names.items():
            value = value.replace(k, v)
        return value
    if isinstance(value, list):
        return [substitute(v, names) for v in value]
    if isinstance(value, dict):
        return {substitute(k, names): substitute(v, names) for k, v in value.items()}
    return value


class RefusalAssertions:
    """Mixin for a test case sending raw requests (client_drivers.send_raw)."""

    def assert_refused(self, status, headers, parsed, expected, contains):
        """The reply is HTTP 400 (never a 5xx) with __type `expected` (a tuple: any
        of them), the same in x-amzn-ErrorType, and a message, holding `contains`
        unless that is None."""
        shown = self.redact(json.dumps(parsed))[:600]
        self.assertLess(status, 500, shown)
        self.assertEqual(status, 400, shown)
        allowed = expected if isinstance(expected, tuple) else (expected,)
        self.assertIn(parsed.get("__type"), allowed, shown)
        self.assertEqual(headers.get("x-amzn-errortype"), parsed.get("__type"), shown)
        # The model says which: "message" for most SSM errors, "Message" for
        # Secrets Manager's and a few of SSM's.
        message = parsed.get("message", parsed.get("Message", ""))
        self.assertTrue(message, shown)
        if contains is not None:
            self.assertIn(contains, message)
