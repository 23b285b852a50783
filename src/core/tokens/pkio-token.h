/* pkio-token.h
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

#pragma once

#include <gio/gio.h>

#include "pkio-token-certificate.h"

G_BEGIN_DECLS

#define PKIO_TYPE_TOKEN (pkio_token_get_type ())

G_DECLARE_FINAL_TYPE (PkioToken, pkio_token, PKIO, TOKEN, GObject)

/* The PKCS#11 token flags the app cares about, so that the UI does not need
 * pkcs11.h. */
typedef enum
{
  PKIO_TOKEN_FLAG_INITIALIZED            = 1 << 0,
  PKIO_TOKEN_FLAG_LOGIN_REQUIRED         = 1 << 1,
  PKIO_TOKEN_FLAG_PROTECTED_AUTH_PATH    = 1 << 2,
  PKIO_TOKEN_FLAG_WRITE_PROTECTED        = 1 << 3,
  PKIO_TOKEN_FLAG_USER_PIN_INITIALIZED   = 1 << 4,
  PKIO_TOKEN_FLAG_USER_PIN_COUNT_LOW     = 1 << 5,
  PKIO_TOKEN_FLAG_USER_PIN_FINAL_TRY     = 1 << 6,
  PKIO_TOKEN_FLAG_USER_PIN_LOCKED        = 1 << 7,
  PKIO_TOKEN_FLAG_USER_PIN_TO_BE_CHANGED = 1 << 8,
  PKIO_TOKEN_FLAG_RNG                    = 1 << 9,
  PKIO_TOKEN_FLAG_RESTORE_KEY_NOT_NEEDED = 1 << 10,
  PKIO_TOKEN_FLAG_CLOCK_ON_TOKEN         = 1 << 11,
  PKIO_TOKEN_FLAG_DUAL_CRYPTO_OPERATIONS = 1 << 12,
  PKIO_TOKEN_FLAG_SECONDARY_AUTHENTICATION = 1 << 13,
  PKIO_TOKEN_FLAG_SO_PIN_COUNT_LOW       = 1 << 14,
  PKIO_TOKEN_FLAG_SO_PIN_FINAL_TRY       = 1 << 15,
  PKIO_TOKEN_FLAG_SO_PIN_LOCKED          = 1 << 16,
  PKIO_TOKEN_FLAG_SO_PIN_TO_BE_CHANGED   = 1 << 17,
} PkioTokenFlags;

/* Whether the token can sign, as far as the app can tell without the PIN. */
typedef enum
{
  PKIO_TOKEN_NOT_READY,
  /* A qualified certificate, but the card does not report its PIN state:
   * it may be locked. */
  PKIO_TOKEN_READY_PIN_UNKNOWN,
  PKIO_TOKEN_READY,
} PkioTokenReadiness;

/* Ordered from least to most serious. */
typedef enum
{
  PKIO_TOKEN_PIN_NOT_REPORTED,
  PKIO_TOKEN_PIN_NO_WARNING,
  PKIO_TOKEN_PIN_TO_BE_CHANGED,
  PKIO_TOKEN_PIN_COUNT_LOW,
  PKIO_TOKEN_PIN_FINAL_TRY,
  PKIO_TOKEN_PIN_LOCKED,
} PkioTokenPinState;

const char        *pkio_token_get_key                  (PkioToken  *self);
const char        *pkio_token_get_module_name          (PkioToken  *self);
gulong             pkio_token_get_slot_id              (PkioToken  *self);
const char        *pkio_token_get_slot_description     (PkioToken  *self);
const char        *pkio_token_get_label                (PkioToken  *self);
const char        *pkio_token_get_manufacturer         (PkioToken  *self);
const char        *pkio_token_get_model                (PkioToken  *self);
const char        *pkio_token_get_serial               (PkioToken  *self);
const char        *pkio_token_get_hardware_version     (PkioToken  *self);
const char        *pkio_token_get_firmware_version     (PkioToken  *self);
PkioTokenFlags     pkio_token_get_flags                (PkioToken  *self);
gboolean           pkio_token_get_pin_length           (PkioToken  *self,
                                                        gulong     *min_len,
                                                        gulong     *max_len);
PkioTokenPinState  pkio_token_get_pin_state            (PkioToken  *self);
const char        *pkio_token_pin_state_describe       (PkioTokenPinState state);
GPtrArray         *pkio_token_get_certificates         (PkioToken  *self);
const char        *pkio_token_get_certificates_error   (PkioToken  *self);
PkioTokenCertificate *pkio_token_find_signing_certificate (PkioToken *self,
                                                           GDateTime *now);
gboolean           pkio_token_get_reports_pin_state    (PkioToken  *self);
PkioTokenReadiness pkio_token_get_readiness            (PkioToken  *self,
                                                        GDateTime  *now);
gboolean           pkio_token_equal                    (PkioToken  *a,
                                                        PkioToken  *b);

G_END_DECLS
