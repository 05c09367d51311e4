//! What the panel reads of a PocketBase auth token (a JWT): when it expires. The signature is
//! the server's business; this only schedules the refresh before that moment.

use serde::Deserialize;

/// When `token` expires: its `exp` claim, in seconds since the epoch. `None` when it does not
/// read as a JWT with one.
pub fn token_expiry(token: &str) -> Option<f64> {
    #[derive(Deserialize)]
    struct Claims {
        exp: f64,
    }
    let payload = base64url_decode(token.split('.').nth(1)?)?;
    let claims: Claims = super::decode(std::str::from_utf8(&payload).ok()?).ok()?;
    Some(claims.exp)
}

/// Base64url without padding, as JWTs are written; padding is tolerated.
fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'-' | b'+' => Some(62),
        b'_' | b'/' => Some(63),
        _ => None,
    };
    let digits = text.trim_end_matches('=').bytes();
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut bits, mut held) = (0u32, 0u32);
    for digit in digits {
        bits = (bits << 6) | u32::from(value(digit)?);
        held += 6;
        if held >= 8 {
            held -= 8;
            out.push((bits >> held) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_base64url() {
        assert_eq!(base64url_decode("").unwrap(), b"");
        assert_eq!(base64url_decode("TQ").unwrap(), b"M");
        assert_eq!(base64url_decode("TWE").unwrap(), b"Ma");
        assert_eq!(base64url_decode("TWFu").unwrap(), b"Man");
        assert_eq!(base64url_decode("TWE=").unwrap(), b"Ma");
        assert_eq!(base64url_decode("-_8").unwrap(), [0xfb, 0xff]);
        assert_eq!(base64url_decode("a b"), None);
    }

    #[test]
    fn reads_the_expiry_of_a_pocketbase_token() {
        // {"alg":"HS256","typ":"JWT"} . {"collectionId":"pbc_3142635823","exp":1796107622,
        // "id":"p5y5c6jd5fhzbty","refreshable":true,"type":"auth"} . (signature)
        let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJjb2xsZWN0aW9uSWQiOiJwYmNfMzE0MjYzNTgyMyIsImV4cCI6MTc5NjEwNzYyMiwiaWQiOiJwNXk1YzZqZDVmaHpidHkiLCJyZWZyZXNoYWJsZSI6dHJ1ZSwidHlwZSI6ImF1dGgifQ.c2lnbmF0dXJl";
        assert_eq!(token_expiry(token), Some(1_796_107_622.0));
        assert_eq!(token_expiry("not a token"), None);
        assert_eq!(token_expiry("a.b.c"), None);
        assert_eq!(token_expiry(""), None);
    }
}
