/* pkio-token-report.c
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
#include <gio/gunixsocketaddress.h>

#include "pkio-token-report.h"

static const struct {
  PkioTokenFlags  flag;
  const char     *id;     /* as p11-kit list-modules spells it */
  const char     *text;
} flag_names[] = {
  /* In the order of the CKF_ bits, as p11-kit list-modules prints them. */
  { PKIO_TOKEN_FLAG_RNG, "rng", N_("random number generator") },
  { PKIO_TOKEN_FLAG_WRITE_PROTECTED, "write-protected", N_("write-protected") },
  { PKIO_TOKEN_FLAG_LOGIN_REQUIRED, "login-required", N_("login required") },
  { PKIO_TOKEN_FLAG_USER_PIN_INITIALIZED, "user-pin-initialized", N_("user PIN set") },
  { PKIO_TOKEN_FLAG_RESTORE_KEY_NOT_NEEDED, "restore-key-not-needed",
    N_("restore key not needed") },
  { PKIO_TOKEN_FLAG_CLOCK_ON_TOKEN, "clock-on-token", N_("clock on token") },
  { PKIO_TOKEN_FLAG_PROTECTED_AUTH_PATH, "protected-authentication-path",
    N_("PIN pad (protected authentication path)") },
  { PKIO_TOKEN_FLAG_DUAL_CRYPTO_OPERATIONS, "dual-crypto-operations",
    N_("dual crypto operations") },
  { PKIO_TOKEN_FLAG_INITIALIZED, "token-initialized", N_("initialized") },
  { PKIO_TOKEN_FLAG_SECONDARY_AUTHENTICATION, "secondary-authentication",
    N_("secondary authentication") },
  { PKIO_TOKEN_FLAG_USER_PIN_COUNT_LOW, "user-pin-count-low", N_("user PIN count low") },
  { PKIO_TOKEN_FLAG_USER_PIN_FINAL_TRY, "user-pin-final-try", N_("user PIN final try") },
  { PKIO_TOKEN_FLAG_USER_PIN_LOCKED, "user-pin-locked", N_("user PIN locked") },
  { PKIO_TOKEN_FLAG_USER_PIN_TO_BE_CHANGED, "user-pin-to-be-changed",
    N_("user PIN to be changed") },
  { PKIO_TOKEN_FLAG_SO_PIN_COUNT_LOW, "so-pin-count-low", N_("SO PIN count low") },
  { PKIO_TOKEN_FLAG_SO_PIN_FINAL_TRY, "so-pin-final-try", N_("SO PIN final try") },
  { PKIO_TOKEN_FLAG_SO_PIN_LOCKED, "so-pin-locked", N_("SO PIN locked") },
  { PKIO_TOKEN_FLAG_SO_PIN_TO_BE_CHANGED, "so-pin-to-be-changed", N_("SO PIN to be changed") },
};

static const char *
readiness_id (PkioTokenReadiness readiness)
{
  switch (readiness)
    {
    case PKIO_TOKEN_NOT_READY:
      return "no";
    case PKIO_TOKEN_READY_PIN_UNKNOWN:
      return "pin-state-unknown";
    case PKIO_TOKEN_READY:
      return "yes";
    default:
      g_return_val_if_reached ("unknown");
    }
}

static const char *
module_state_id (PkioTokenModuleState state)
{
  switch (state)
    {
    case PKIO_TOKEN_MODULE_OK:
      return "ok";
    case PKIO_TOKEN_MODULE_FAILED:
      return "failed";
    case PKIO_TOKEN_MODULE_NOT_RESPONDING:
      return "not-responding";
    default:
      g_return_val_if_reached ("unknown");
    }
}

static const char *
pin_state_id (PkioTokenPinState state)
{
  switch (state)
    {
    case PKIO_TOKEN_PIN_NOT_REPORTED:
      return "not-reported";
    case PKIO_TOKEN_PIN_NO_WARNING:
      return "no-warning";
    case PKIO_TOKEN_PIN_TO_BE_CHANGED:
      return "to-be-changed";
    case PKIO_TOKEN_PIN_COUNT_LOW:
      return "count-low";
    case PKIO_TOKEN_PIN_FINAL_TRY:
      return "final-try";
    case PKIO_TOKEN_PIN_LOCKED:
      return "locked";
    default:
      g_return_val_if_reached ("unknown");
    }
}

static const char *
validity_id (PkioTokenCertificateValidity validity)
{
  switch (validity)
    {
    case PKIO_TOKEN_CERTIFICATE_VALID:
      return "valid";
    case PKIO_TOKEN_CERTIFICATE_EXPIRING_SOON:
      return "expiring-soon";
    case PKIO_TOKEN_CERTIFICATE_EXPIRED:
      return "expired";
    case PKIO_TOKEN_CERTIFICATE_NOT_YET_VALID:
      return "not-yet-valid";
    default:
      g_return_val_if_reached ("unknown");
    }
}

/**
 * pkio_token_report_validity_text:
 *
 * Returns: the validity in words, translated
 */
const char *
pkio_token_report_validity_text (PkioTokenCertificateValidity validity)
{
  switch (validity)
    {
    case PKIO_TOKEN_CERTIFICATE_VALID:
      return _("Valid");
    case PKIO_TOKEN_CERTIFICATE_EXPIRING_SOON:
      return _("Expires soon");
    case PKIO_TOKEN_CERTIFICATE_EXPIRED:
      return _("Expired");
    case PKIO_TOKEN_CERTIFICATE_NOT_YET_VALID:
      return _("Not yet valid");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * pkio_token_report_readiness_text:
 *
 * Returns: the readiness in words, translated
 */
const char *
pkio_token_report_readiness_text (PkioTokenReadiness readiness)
{
  switch (readiness)
    {
    case PKIO_TOKEN_NOT_READY:
      return _("no");
    case PKIO_TOKEN_READY_PIN_UNKNOWN:
      return _("the certificate is, but the card does not report whether its PIN is locked");
    case PKIO_TOKEN_READY:
      return _("yes");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * pkio_token_report_flags_text:
 *
 * Returns: (transfer full): the flags in words, comma-separated, translated
 */
char *
pkio_token_report_flags_text (PkioTokenFlags flags)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (flag_names); i++)
    {
      if ((flags & flag_names[i].flag) == 0)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, _(flag_names[i].text));
    }

  if (out->len == 0)
    g_string_append (out, _("none"));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
iso_date (GDateTime *dt)
{
  return g_date_time_format_iso8601 (dt);
}

static void
add_certificate_json (JsonBuilder          *builder,
                      PkioTokenCertificate *cert,
                      GDateTime            *now)
{
  g_autofree char *not_before = iso_date (pkio_token_certificate_get_not_before (cert));
  g_autofree char *not_after = iso_date (pkio_token_certificate_get_not_after (cert));
  g_autofree char *usage = pkio_token_certificate_dup_key_usage_text (cert);
  g_auto(GStrv) usage_names = pkio_token_certificate_dup_key_usage_names (cert);
  gboolean qc_compliance, qc_sscd;

  pkio_token_certificate_get_qc_statements (cert, &qc_compliance, &qc_sscd);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, pkio_token_certificate_get_label (cert));
  json_builder_set_member_name (builder, "common_name");
  json_builder_add_string_value (builder, pkio_token_certificate_get_common_name (cert));
  json_builder_set_member_name (builder, "subject");
  json_builder_add_string_value (builder, pkio_token_certificate_get_subject (cert));
  json_builder_set_member_name (builder, "issuer");
  json_builder_add_string_value (builder, pkio_token_certificate_get_issuer (cert));
  json_builder_set_member_name (builder, "serial");
  json_builder_add_string_value (builder, pkio_token_certificate_get_serial (cert));
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, pkio_token_certificate_get_sha256 (cert));
  json_builder_set_member_name (builder, "not_before");
  json_builder_add_string_value (builder, not_before);
  json_builder_set_member_name (builder, "not_after");
  json_builder_add_string_value (builder, not_after);
  json_builder_set_member_name (builder, "validity");
  json_builder_add_string_value (builder,
                                 validity_id (pkio_token_certificate_get_validity (cert, now)));
  json_builder_set_member_name (builder, "key_usage");
  if (usage_names != NULL)
    {
      json_builder_begin_array (builder);
      for (guint i = 0; usage_names[i]; i++)
        json_builder_add_string_value (builder, usage_names[i]);
      json_builder_end_array (builder);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
  json_builder_set_member_name (builder, "key_usage_text");
  json_builder_add_string_value (builder, usage);
  json_builder_set_member_name (builder, "non_repudiation");
  json_builder_add_boolean_value (builder, pkio_token_certificate_is_non_repudiation (cert));
  json_builder_set_member_name (builder, "qc_compliance");
  json_builder_add_boolean_value (builder, qc_compliance);
  json_builder_set_member_name (builder, "qc_sscd");
  json_builder_add_boolean_value (builder, qc_sscd);
  json_builder_set_member_name (builder, "qualified");
  json_builder_add_boolean_value (builder, pkio_token_certificate_is_qualified (cert, now));
  json_builder_end_object (builder);
}

static void
add_token_json (JsonBuilder *builder,
                PkioToken   *token,
                GDateTime   *now)
{
  PkioTokenFlags flags = pkio_token_get_flags (token);
  PkioTokenPinState pin = pkio_token_get_pin_state (token);
  GPtrArray *certs = pkio_token_get_certificates (token);
  gulong min_len, max_len;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "module");
  json_builder_add_string_value (builder, pkio_token_get_module_name (token));
  json_builder_set_member_name (builder, "slot");
  json_builder_add_int_value (builder, pkio_token_get_slot_id (token));
  json_builder_set_member_name (builder, "slot_description");
  json_builder_add_string_value (builder, pkio_token_get_slot_description (token));
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, pkio_token_get_label (token));
  json_builder_set_member_name (builder, "manufacturer");
  json_builder_add_string_value (builder, pkio_token_get_manufacturer (token));
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, pkio_token_get_model (token));
  json_builder_set_member_name (builder, "serial");
  json_builder_add_string_value (builder, pkio_token_get_serial (token));
  json_builder_set_member_name (builder, "hardware_version");
  json_builder_add_string_value (builder, pkio_token_get_hardware_version (token));
  json_builder_set_member_name (builder, "firmware_version");
  json_builder_add_string_value (builder, pkio_token_get_firmware_version (token));

  json_builder_set_member_name (builder, "flags");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (flag_names); i++)
    {
      if (flags & flag_names[i].flag)
        json_builder_add_string_value (builder, flag_names[i].id);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "pin_state");
  json_builder_add_string_value (builder, pin_state_id (pin));
  json_builder_set_member_name (builder, "pin_message");
  json_builder_add_string_value (builder, pkio_token_pin_state_describe (pin));
  json_builder_set_member_name (builder, "min_pin_length");
  if (pkio_token_get_pin_length (token, &min_len, &max_len))
    json_builder_add_int_value (builder, min_len);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "max_pin_length");
  if (pkio_token_get_pin_length (token, &min_len, &max_len))
    json_builder_add_int_value (builder, max_len);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "pin_state_reported");
  json_builder_add_boolean_value (builder, pin != PKIO_TOKEN_PIN_NOT_REPORTED);
  json_builder_set_member_name (builder, "ready_to_sign");
  json_builder_add_boolean_value (builder,
                                  pkio_token_get_readiness (token, now) == PKIO_TOKEN_READY);
  json_builder_set_member_name (builder, "readiness");
  json_builder_add_string_value (builder,
                                 readiness_id (pkio_token_get_readiness (token, now)));

  json_builder_set_member_name (builder, "certificates");
  json_builder_begin_array (builder);
  for (guint i = 0; i < certs->len; i++)
    add_certificate_json (builder, g_ptr_array_index (certs, i), now);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "certificates_error");
  json_builder_add_string_value (builder, pkio_token_get_certificates_error (token));
  json_builder_end_object (builder);
}

/**
 * pkio_token_report_to_json:
 *
 * Returns: (transfer full): {"modules": [...], "tokens": [...]}
 */
JsonNode *
pkio_token_report_to_json (GListModel *tokens,
                           GPtrArray  *modules,
                           GDateTime  *now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "modules");
  json_builder_begin_array (builder);
  for (guint i = 0; i < modules->len; i++)
    {
      const PkioTokenModuleStatus *status = g_ptr_array_index (modules, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, status->name);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, status->path);
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, status->description);
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, module_state_id (status->state));
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, status->error);
      json_builder_set_member_name (builder, "tokens");
      json_builder_add_int_value (builder, status->n_tokens);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "tokens");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (tokens); i++)
    {
      g_autoptr(PkioToken) token = g_list_model_get_item (tokens, i);

      add_token_json (builder, token, now);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
append_field (GString    *out,
              const char *indent,
              const char *name,
              const char *value)
{
  g_string_append_printf (out, "%s%s: %s\n", indent, name,
                          value && *value ? value : _("unknown"));
}

/**
 * pkio_token_report_qualified_text:
 *
 * Returns: whether the certificate is qualified, and if not why, in words
 */
const char *
pkio_token_report_qualified_text (PkioTokenCertificate *cert,
                                  GDateTime            *now)
{
  PkioTokenCertificateValidity validity = pkio_token_certificate_get_validity (cert, now);
  gboolean compliance, sscd;

  pkio_token_certificate_get_qc_statements (cert, &compliance, &sscd);

  if (pkio_token_certificate_is_qualified (cert, now))
    return _("yes (qualified certificate on a qualified device)");
  if (!compliance || !sscd)
    return _("no (not a qualified certificate on a qualified device)");
  if (!pkio_token_certificate_is_non_repudiation (cert))
    return _("no (not for signing)");
  if (validity == PKIO_TOKEN_CERTIFICATE_EXPIRED)
    return _("no (expired)");
  return _("no (not yet valid)");
}

static void
append_certificate_text (GString              *out,
                         PkioTokenCertificate *cert,
                         GDateTime            *now)
{
  g_autofree char *not_before = iso_date (pkio_token_certificate_get_not_before (cert));
  g_autofree char *not_after = iso_date (pkio_token_certificate_get_not_after (cert));
  g_autofree char *usage = pkio_token_certificate_dup_key_usage_text (cert);
  PkioTokenCertificateValidity validity = pkio_token_certificate_get_validity (cert, now);

  append_field (out, "  ", _("Certificate"), pkio_token_certificate_get_common_name (cert));
  append_field (out, "    ", _("Subject"), pkio_token_certificate_get_subject (cert));
  append_field (out, "    ", _("Issuer"), pkio_token_certificate_get_issuer (cert));
  append_field (out, "    ", _("Serial number"), pkio_token_certificate_get_serial (cert));
  append_field (out, "    ", _("Valid from"), not_before);
  append_field (out, "    ", _("Valid until"), not_after);
  append_field (out, "    ", _("Validity"), pkio_token_report_validity_text (validity));
  append_field (out, "    ", _("Key usage"), usage);
  append_field (out, "    ", _("Qualified signing"),
                pkio_token_report_qualified_text (cert, now));
  append_field (out, "    ", _("SHA-256"), pkio_token_certificate_get_sha256 (cert));
}

/**
 * pkio_token_report_to_text:
 *
 * Returns: (transfer full): the modules and tokens as readable text
 */
char *
pkio_token_report_to_text (GListModel *tokens,
                           GPtrArray  *modules,
                           GDateTime  *now)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n_tokens = g_list_model_get_n_items (tokens);

  for (guint i = 0; i < modules->len; i++)
    {
      const PkioTokenModuleStatus *status = g_ptr_array_index (modules, i);

      g_string_append_printf (out, "%s: %s (%s)\n", _("Module"), status->name,
                              status->path ? status->path : "");
      if (status->description)
        append_field (out, "  ", _("Description"), status->description);
      switch (status->state)
        {
        case PKIO_TOKEN_MODULE_OK:
          append_field (out, "  ", _("State"), _("working"));
          break;

        case PKIO_TOKEN_MODULE_FAILED:
          append_field (out, "  ", _("State"), _("failed"));
          append_field (out, "  ", _("Error"), status->error);
          break;

        case PKIO_TOKEN_MODULE_NOT_RESPONDING:
          append_field (out, "  ", _("State"), _("not responding"));
          append_field (out, "  ", _("Error"), status->error);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  if (modules->len > 0)
    g_string_append_c (out, '\n');

  if (n_tokens == 0)
    g_string_append_printf (out, "%s\n", _("No token found. Insert your signing token."));

  for (guint i = 0; i < n_tokens; i++)
    {
      g_autoptr(PkioToken) token = g_list_model_get_item (tokens, i);
      g_autofree char *flags = pkio_token_report_flags_text (pkio_token_get_flags (token));
      g_autofree char *slot = g_strdup_printf ("%lu", pkio_token_get_slot_id (token));
      g_autofree char *pin_len = NULL;
      GPtrArray *certs = pkio_token_get_certificates (token);
      gulong min_len, max_len;

      if (pkio_token_get_pin_length (token, &min_len, &max_len))
        pin_len = g_strdup_printf ("%lu–%lu", min_len, max_len);

      if (i > 0)
        g_string_append_c (out, '\n');
      append_field (out, "", _("Token"), pkio_token_get_label (token));
      append_field (out, "  ", _("Module"), pkio_token_get_module_name (token));
      append_field (out, "  ", _("Slot"), slot);
      append_field (out, "  ", _("Reader"), pkio_token_get_slot_description (token));
      append_field (out, "  ", _("Manufacturer"), pkio_token_get_manufacturer (token));
      append_field (out, "  ", _("Model"), pkio_token_get_model (token));
      append_field (out, "  ", _("Serial number"), pkio_token_get_serial (token));
      append_field (out, "  ", _("Hardware version"), pkio_token_get_hardware_version (token));
      append_field (out, "  ", _("Firmware version"), pkio_token_get_firmware_version (token));
      append_field (out, "  ", _("Flags"), flags);
      append_field (out, "  ", _("PIN"),
                    pkio_token_pin_state_describe (pkio_token_get_pin_state (token)));
      append_field (out, "  ", _("PIN length"), pin_len);
      append_field (out, "  ", _("Ready to sign"),
                    pkio_token_report_readiness_text (pkio_token_get_readiness (token, now)));
      if (pkio_token_get_certificates_error (token))
        append_field (out, "  ", _("Certificates error"),
                      pkio_token_get_certificates_error (token));
      if (certs->len == 0)
        append_field (out, "  ", _("Certificates"), _("none"));
      for (guint j = 0; j < certs->len; j++)
        append_certificate_text (out, g_ptr_array_index (certs, j), now);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * pkio_token_report_in_flatpak:
 *
 * Detects the sandbox as GLib does, by /.flatpak-info. Tests simulate it
 * by pointing $PKIO_TEST_FLATPAK_INFO at a file of their own, as GLib's
 * tests do with their own override.
 */
gboolean
pkio_token_report_in_flatpak (void)
{
  const char *path = g_getenv ("PKIO_TEST_FLATPAK_INFO");

  return g_file_test (path && *path ? path : "/.flatpak-info", G_FILE_TEST_EXISTS);
}

/**
 * pkio_token_report_pcscd_state:
 * @socket_path: (out) (optional) (transfer full): the socket tried
 *
 * Connects to pcscd's socket and hangs up; a Unix socket connect does not
 * block, so this may run on the main thread.
 */
PkioPcscdState
pkio_token_report_pcscd_state (char **socket_path)
{
  const char *path = g_getenv ("PCSCLITE_CSOCK_NAME");
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL || *path == '\0')
    path = "/run/pcscd/pcscd.comm";
  if (socket_path)
    *socket_path = g_strdup (path);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return PKIO_PCSCD_NOT_FOUND;

  socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT,
                         NULL);
  if (socket == NULL)
    return PKIO_PCSCD_REFUSED;

  /* Non-blocking: a Unix connect only waits when the listen backlog is
   * full, but this runs on the main thread. Pending means pcscd is there. */
  g_socket_set_blocking (socket, FALSE);
  address = g_unix_socket_address_new (path);
  if (!g_socket_connect (socket, address, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    return PKIO_PCSCD_REFUSED;

  g_socket_close (socket, NULL);

  return PKIO_PCSCD_REACHABLE;
}

/**
 * pkio_token_report_pcscd_state_id:
 *
 * Returns: a stable identifier for JSON
 */
const char *
pkio_token_report_pcscd_state_id (PkioPcscdState state)
{
  switch (state)
    {
    case PKIO_PCSCD_NOT_FOUND:
      return "not-found";
    case PKIO_PCSCD_REFUSED:
      return "not-answering";
    case PKIO_PCSCD_REACHABLE:
      return "reachable";
    default:
      g_return_val_if_reached ("unknown");
    }
}

/**
 * pkio_token_report_environment:
 *
 * Returns: (transfer full): Flatpak, pcscd and p11-kit server facts, and
 *   what to do inside Flatpak, as text
 */
char *
pkio_token_report_environment (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *pcscd_path = NULL;
  g_autofree char *server = g_build_filename (g_get_user_runtime_dir (), "p11-kit", "pkcs11", NULL);
  gboolean flatpak = pkio_token_report_in_flatpak ();

  append_field (out, "", _("Runs in Flatpak"), flatpak ? _("yes") : _("no"));

  switch (pkio_token_report_pcscd_state (&pcscd_path))
    {
    case PKIO_PCSCD_REACHABLE:
      g_string_append_printf (out, "%s: %s (%s)\n", _("Smart card service (pcscd)"),
                              _("reachable"), pcscd_path);
      break;

    case PKIO_PCSCD_REFUSED:
      g_string_append_printf (out, "%s: %s (%s)\n", _("Smart card service (pcscd)"),
                              _("not answering"), pcscd_path);
      break;

    case PKIO_PCSCD_NOT_FOUND:
      g_string_append_printf (out, "%s: %s (%s)\n", _("Smart card service (pcscd)"),
                              _("not found"), pcscd_path);
      break;

    default:
      g_assert_not_reached ();
    }

  g_string_append_printf (out, "%s: %s (%s)\n", _("p11-kit server socket"),
                          g_file_test (server, G_FILE_TEST_EXISTS) ? _("present") : _("absent"),
                          server);

  if (flatpak)
    {
      gboolean opensc = g_file_test (PKIO_BUNDLED_OPENSC, G_FILE_TEST_EXISTS);

      g_string_append_printf (out, "%s: %s (%s)\n", _("Smart card driver in the app (OpenSC)"),
                              opensc ? _("present") : _("missing"), PKIO_BUNDLED_OPENSC);

      /* What is missing, in steps the citizen can take on the host; the
       * manifest already grants the pcscd socket, so that is not one. */
      g_string_append_c (out, '\n');
      if (!opensc)
        g_string_append_printf (out, "%s\n",
                                _("The smart card driver that comes with the app is missing: "
                                  "reinstall the app."));
      if (pkio_token_report_pcscd_state (NULL) != PKIO_PCSCD_REACHABLE)
        g_string_append_printf (out, "%s\n",
                                _("The smart card service (pcscd) is not running on this "
                                  "computer, so no smart card or USB token can be read. Install "
                                  "it with the computer’s software manager (the package is "
                                  "called pcscd on most systems), then plug the token in "
                                  "again."));
      if (!g_file_test (server, G_FILE_TEST_EXISTS))
        {
          g_string_append_printf (out, "%s\n",
                                  _("Tokens whose own software is installed on this computer "
                                    "(such as SafeNet Authentication Client) are not shared "
                                    "with the app. To share them, run on the computer:"));
          g_string_append (out, "  systemctl --user enable --now p11-kit-server.socket\n");
          g_string_append_printf (out,
                                  "  flatpak override --user --filesystem=xdg-run/p11-kit/pkcs11 %s\n",
                                  APP_ID);
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
