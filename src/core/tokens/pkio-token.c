/* pkio-token.c
 *
 * Copyright 2026 The Pkio Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pkio-token-private.h"

/* An immutable description of one token as seen in one poll. The monitor's
 * worker builds it and the main thread only reads it, so there is no lock:
 * a change on the token is a new PkioToken. */

struct _PkioToken
{
  GObject         parent_instance;

  char           *key;
  char           *module_name;
  gulong          slot_id;
  char           *slot_description;
  char           *label;
  char           *manufacturer;
  char           *model;
  char           *serial;
  char           *hardware_version;
  char           *firmware_version;
  PkioTokenFlags  flags;
  gulong          min_pin_len;
  gulong          max_pin_len;
  gboolean        has_pin_len;
  GPtrArray      *certificates;
  char           *certificates_error;
  gboolean        reports_pin_state;
};

G_DEFINE_FINAL_TYPE (PkioToken, pkio_token, G_TYPE_OBJECT)

static void
pkio_token_finalize (GObject *object)
{
  PkioToken *self = (PkioToken *)object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->module_name, g_free);
  g_clear_pointer (&self->slot_description, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->manufacturer, g_free);
  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->serial, g_free);
  g_clear_pointer (&self->hardware_version, g_free);
  g_clear_pointer (&self->firmware_version, g_free);
  g_clear_pointer (&self->certificates, g_ptr_array_unref);
  g_clear_pointer (&self->certificates_error, g_free);

  G_OBJECT_CLASS (pkio_token_parent_class)->finalize (object);
}

static void
pkio_token_class_init (PkioTokenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pkio_token_finalize;
}

static void
pkio_token_init (PkioToken *self)
{
}

/**
 * _pkio_token_padded_string:
 *
 * PKCS#11 fixed-size fields are blank-padded, not NUL-terminated, and the
 * module decides what bytes go in them.
 *
 * Returns: (transfer full): the field as valid UTF-8 without padding
 */
char *
_pkio_token_padded_string (const CK_UTF8CHAR *field,
                           gsize              len)
{
  while (len > 0 && (field[len - 1] == ' ' || field[len - 1] == '\0'))
    len--;

  return g_utf8_make_valid ((const char *)field, len);
}

static char *
version_string (CK_VERSION version)
{
  /* p11-kit list-modules omits 0.0 too: it means "not given". */
  if (version.major == 0 && version.minor == 0)
    return NULL;

  return g_strdup_printf ("%u.%u", version.major, version.minor);
}

static PkioTokenFlags
flags_from_ck (CK_FLAGS ck)
{
  static const struct {
    CK_FLAGS       ck;
    PkioTokenFlags pkio;
  } map[] = {
    { CKF_TOKEN_INITIALIZED, PKIO_TOKEN_FLAG_INITIALIZED },
    { CKF_LOGIN_REQUIRED, PKIO_TOKEN_FLAG_LOGIN_REQUIRED },
    { CKF_PROTECTED_AUTHENTICATION_PATH, PKIO_TOKEN_FLAG_PROTECTED_AUTH_PATH },
    { CKF_WRITE_PROTECTED, PKIO_TOKEN_FLAG_WRITE_PROTECTED },
    { CKF_USER_PIN_INITIALIZED, PKIO_TOKEN_FLAG_USER_PIN_INITIALIZED },
    { CKF_USER_PIN_COUNT_LOW, PKIO_TOKEN_FLAG_USER_PIN_COUNT_LOW },
    { CKF_USER_PIN_FINAL_TRY, PKIO_TOKEN_FLAG_USER_PIN_FINAL_TRY },
    { CKF_USER_PIN_LOCKED, PKIO_TOKEN_FLAG_USER_PIN_LOCKED },
    { CKF_USER_PIN_TO_BE_CHANGED, PKIO_TOKEN_FLAG_USER_PIN_TO_BE_CHANGED },
    { CKF_RNG, PKIO_TOKEN_FLAG_RNG },
    { CKF_RESTORE_KEY_NOT_NEEDED, PKIO_TOKEN_FLAG_RESTORE_KEY_NOT_NEEDED },
    { CKF_CLOCK_ON_TOKEN, PKIO_TOKEN_FLAG_CLOCK_ON_TOKEN },
    { CKF_DUAL_CRYPTO_OPERATIONS, PKIO_TOKEN_FLAG_DUAL_CRYPTO_OPERATIONS },
    { CKF_SECONDARY_AUTHENTICATION, PKIO_TOKEN_FLAG_SECONDARY_AUTHENTICATION },
    { CKF_SO_PIN_COUNT_LOW, PKIO_TOKEN_FLAG_SO_PIN_COUNT_LOW },
    { CKF_SO_PIN_FINAL_TRY, PKIO_TOKEN_FLAG_SO_PIN_FINAL_TRY },
    { CKF_SO_PIN_LOCKED, PKIO_TOKEN_FLAG_SO_PIN_LOCKED },
    { CKF_SO_PIN_TO_BE_CHANGED, PKIO_TOKEN_FLAG_SO_PIN_TO_BE_CHANGED },
  };
  PkioTokenFlags flags = 0;

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    {
      if (ck & map[i].ck)
        flags |= map[i].pkio;
    }

  return flags;
}

PkioToken *
_pkio_token_new (const char          *module_name,
                 CK_SLOT_ID           slot_id,
                 const char          *slot_description,
                 const CK_TOKEN_INFO *info,
                 GPtrArray           *certificates,
                 const char          *certificates_error)
{
  PkioToken *self;

  g_return_val_if_fail (module_name != NULL, NULL);
  g_return_val_if_fail (info != NULL, NULL);

  self = g_object_new (PKIO_TYPE_TOKEN, NULL);
  self->module_name = g_strdup (module_name);
  self->slot_id = slot_id;
  self->slot_description = g_strdup (slot_description);
  self->label = _pkio_token_padded_string (info->label, sizeof info->label);
  self->manufacturer = _pkio_token_padded_string (info->manufacturerID,
                                                  sizeof info->manufacturerID);
  self->model = _pkio_token_padded_string (info->model, sizeof info->model);
  self->serial = _pkio_token_padded_string (info->serialNumber, sizeof info->serialNumber);
  self->hardware_version = version_string (info->hardwareVersion);
  self->firmware_version = version_string (info->firmwareVersion);
  self->flags = flags_from_ck (info->flags);

  /* CK_UNAVAILABLE_INFORMATION, or a module that fills in nothing. */
  if (info->ulMinPinLen != CK_UNAVAILABLE_INFORMATION &&
      info->ulMaxPinLen != CK_UNAVAILABLE_INFORMATION &&
      info->ulMaxPinLen > 0)
    {
      self->has_pin_len = TRUE;
      self->min_pin_len = info->ulMinPinLen;
      self->max_pin_len = info->ulMaxPinLen;
    }

  self->certificates = certificates ? g_ptr_array_ref (certificates)
                                    : g_ptr_array_new_with_free_func (g_object_unref);
  self->certificates_error = g_strdup (certificates_error);

  /* What identifies "the same token" across polls: a re-labelled or
   * re-initialised token is a different one to the user anyway. */
  self->key = g_strdup_printf ("%s\x1f%lu\x1f%s\x1f%s", self->module_name, self->slot_id,
                               self->serial, self->label);

  return self;
}

/**
 * _pkio_token_module_reports_pin_state:
 * @library_manufacturer: CK_INFO manufacturerID of the module
 *
 * Modules known to keep the user PIN flags current for their tokens: for
 * them, no warning flag means no warning. OpenSC is not one: many of its
 * card drivers cannot ask the card, and then set no flag at all even on a
 * blocked PIN.
 */
gboolean
_pkio_token_module_reports_pin_state (const char *library_manufacturer)
{
  static const char * const known[] = {
    "SafeNet, Inc.",   /* SafeNet Authentication Client, the eToken's module */
    "SoftHSM",
    "PKIo Tests",      /* tests/pkio-test-pkcs11.c */
  };

  for (guint i = 0; library_manufacturer && i < G_N_ELEMENTS (known); i++)
    {
      if (g_str_equal (library_manufacturer, known[i]))
        return TRUE;
    }

  return FALSE;
}

/**
 * _pkio_token_set_pin_reporting:
 * @reports_pin_state: whether the module is known to keep the PIN flags
 *   current
 * @pin_locked_seen: whether the card answered CKR_PIN_LOCKED
 *
 * Only while the token is still private to the monitor's worker.
 */
void
_pkio_token_set_pin_reporting (PkioToken *self,
                               gboolean   reports_pin_state,
                               gboolean   pin_locked_seen)
{
  self->reports_pin_state = !!reports_pin_state;
  if (pin_locked_seen)
    self->flags |= PKIO_TOKEN_FLAG_USER_PIN_LOCKED;
}

gboolean
pkio_token_get_reports_pin_state (PkioToken *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN (self), FALSE);
  return self->reports_pin_state;
}

const char *
pkio_token_get_key (PkioToken *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN (self), NULL);
  return self->key;
}

const char *
pkio_token_get_module_name (PkioToken *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN (self), NULL);
  return self->module_name;
}

gulong
pkio_token_get_slot_id (PkioToken *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN (self), 0);
  return self->slot_id;
}

const char *
pkio_token_get_slot_description (PkioToken *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN (self), NULL);
  return self->slot_description;
}

const char *
pkio_token_get_label (PkioToken *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN (self), NULL);
  return self->label;
}

const char *
pkio_token_get_manufacturer (PkioToken *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN (self), NULL);
  return self->manufacturer;
}

const char *
pkio_token_get_model (PkioToken *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN (self), NULL);
  return self->model;
}

const char *
pkio_token_get_serial (PkioToken *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN (self), NULL);
  return self->serial;
}

/**
 * pkio_token_get_hardware_version:
 *
 * Returns: (nullable): "major.minor", or %NULL when the module gives 0.0
 */
const char *
pkio_token_get_hardware_version (PkioToken *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN (self), NULL);
  return self->hardware_version;
}

const char *
pkio_token_get_firmware_version (PkioToken *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN (self), NULL);
  return self->firmware_version;
}

PkioTokenFlags
pkio_token_get_flags (PkioToken *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN (self), 0);
  return self->flags;
}

/**
 * pkio_token_get_pin_length:
 *
 * Returns: whether the module reported PIN length limits
 */
gboolean
pkio_token_get_pin_length (PkioToken *self,
                           gulong    *min_len,
                           gulong    *max_len)
{
  g_return_val_if_fail (PKIO_IS_TOKEN (self), FALSE);

  if (min_len)
    *min_len = self->min_pin_len;
  if (max_len)
    *max_len = self->max_pin_len;

  return self->has_pin_len;
}

/**
 * pkio_token_get_pin_state:
 *
 * PKCS#11 has no retry counter, only warning flags, and a module that never
 * sets them looks exactly like a token with no problem. The rule:
 *
 * - any of COUNT_LOW / FINAL_TRY / LOCKED / TO_BE_CHANGED is a report, the
 *   most serious wins;
 * - otherwise, only for a module known to keep the flags current (see
 *   _pkio_token_module_reports_pin_state()) is the absence of warnings "no
 *   warning reported". CKF_USER_PIN_INITIALIZED alone proves nothing:
 *   OpenSC sets it on a card whose PIN is blocked;
 * - anything else says nothing about the PIN: "not reported".
 */
PkioTokenPinState
pkio_token_get_pin_state (PkioToken *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN (self), PKIO_TOKEN_PIN_NOT_REPORTED);

  if (self->flags & PKIO_TOKEN_FLAG_USER_PIN_LOCKED)
    return PKIO_TOKEN_PIN_LOCKED;
  if (self->flags & PKIO_TOKEN_FLAG_USER_PIN_FINAL_TRY)
    return PKIO_TOKEN_PIN_FINAL_TRY;
  if (self->flags & PKIO_TOKEN_FLAG_USER_PIN_COUNT_LOW)
    return PKIO_TOKEN_PIN_COUNT_LOW;
  if (self->flags & PKIO_TOKEN_FLAG_USER_PIN_TO_BE_CHANGED)
    return PKIO_TOKEN_PIN_TO_BE_CHANGED;
  if (self->reports_pin_state && (self->flags & PKIO_TOKEN_FLAG_USER_PIN_INITIALIZED))
    return PKIO_TOKEN_PIN_NO_WARNING;

  return PKIO_TOKEN_PIN_NOT_REPORTED;
}

/**
 * pkio_token_pin_state_describe:
 *
 * Returns: the PIN state in plain words, translated
 */
const char *
pkio_token_pin_state_describe (PkioTokenPinState state)
{
  switch (state)
    {
    case PKIO_TOKEN_PIN_NOT_REPORTED:
      return _("PIN state not reported by this card: if a wrong PIN was entered too often, it "
               "may be locked. The token’s own tool, or DigiCert Trust Assistant for a SafeNet "
               "token, shows how many tries are left.");

    case PKIO_TOKEN_PIN_NO_WARNING:
      return _("No PIN warnings reported");

    case PKIO_TOKEN_PIN_TO_BE_CHANGED:
      return _("The PIN must be changed before the token can sign; DigiCert Trust Assistant "
               "asks for a new one.");

    case PKIO_TOKEN_PIN_COUNT_LOW:
      return _("A wrong PIN was entered: only a few tries are left before the token locks.");

    case PKIO_TOKEN_PIN_FINAL_TRY:
      return _("One try left: a wrong PIN locks the token; contact DigiCert to unblock it.");

    case PKIO_TOKEN_PIN_LOCKED:
      return _("PIN locked: the token cannot sign until it is unblocked; contact DigiCert "
               "to unblock it.");

    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * pkio_token_get_certificates:
 *
 * Returns: (transfer none) (element-type PkioTokenCertificate): the
 *   certificate objects readable without logging in
 */
GPtrArray *
pkio_token_get_certificates (PkioToken *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN (self), NULL);
  return self->certificates;
}

/**
 * pkio_token_get_certificates_error:
 *
 * Returns: (nullable): why the certificates could not all be read
 */
const char *
pkio_token_get_certificates_error (PkioToken *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN (self), NULL);
  return self->certificates_error;
}

/**
 * pkio_token_find_signing_certificate:
 * @now: the time to judge validity at
 *
 * The "ready to sign" test: a qualified certificate (see
 * pkio_token_certificate_is_qualified()) that is valid now, on a token
 * whose PIN is not known to be locked.
 *
 * Returns: (transfer none) (nullable): the certificate
 */
PkioTokenCertificate *
pkio_token_find_signing_certificate (PkioToken *self,
                                     GDateTime *now)
{
  g_return_val_if_fail (PKIO_IS_TOKEN (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (pkio_token_get_pin_state (self) == PKIO_TOKEN_PIN_LOCKED)
    return NULL;

  for (guint i = 0; i < self->certificates->len; i++)
    {
      PkioTokenCertificate *cert = g_ptr_array_index (self->certificates, i);

      if (pkio_token_certificate_is_qualified (cert, now))
        return cert;
    }

  return NULL;
}

/**
 * pkio_token_get_readiness:
 *
 * Never "ready" on a guess: a token whose card does not report its PIN
 * state is at most %PKIO_TOKEN_READY_PIN_UNKNOWN.
 */
PkioTokenReadiness
pkio_token_get_readiness (PkioToken *self,
                          GDateTime *now)
{
  g_return_val_if_fail (PKIO_IS_TOKEN (self), PKIO_TOKEN_NOT_READY);

  if (pkio_token_find_signing_certificate (self, now) == NULL)
    return PKIO_TOKEN_NOT_READY;
  if (pkio_token_get_pin_state (self) == PKIO_TOKEN_PIN_NOT_REPORTED)
    return PKIO_TOKEN_READY_PIN_UNKNOWN;

  return PKIO_TOKEN_READY;
}

gboolean
pkio_token_equal (PkioToken *a,
                  PkioToken *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  if (g_strcmp0 (a->key, b->key) != 0 ||
      g_strcmp0 (a->slot_description, b->slot_description) != 0 ||
      g_strcmp0 (a->manufacturer, b->manufacturer) != 0 ||
      g_strcmp0 (a->model, b->model) != 0 ||
      g_strcmp0 (a->hardware_version, b->hardware_version) != 0 ||
      g_strcmp0 (a->firmware_version, b->firmware_version) != 0 ||
      a->flags != b->flags ||
      a->reports_pin_state != b->reports_pin_state ||
      a->has_pin_len != b->has_pin_len ||
      a->min_pin_len != b->min_pin_len ||
      a->max_pin_len != b->max_pin_len ||
      g_strcmp0 (a->certificates_error, b->certificates_error) != 0 ||
      a->certificates->len != b->certificates->len)
    return FALSE;

  for (guint i = 0; i < a->certificates->len; i++)
    {
      if (!pkio_token_certificate_equal (g_ptr_array_index (a->certificates, i),
                                         g_ptr_array_index (b->certificates, i)))
        return FALSE;
    }

  return TRUE;
}
