/* pkio-token-monitor.c
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

#include <dlfcn.h>
#include <glib/gi18n.h>
#include <stdlib.h>
#include <p11-kit/p11-kit.h>

#include "pkio-token-monitor.h"
#include "pkio-token-private.h"
#include "pkio-token-report.h"

/* Threads and who owns what:
 *
 * - one coordinator thread per monitor loads the module list, asks every
 *   module for a scan each poll, waits for the answers up to the timeout,
 *   applies the hysteresis and posts an immutable snapshot to the monitor's
 *   main context;
 * - one thread per module makes every PKCS#11 call of that module, loading
 *   included. A module stuck in any entry point blocks only its own thread:
 *   the coordinator reports it as not responding and keeps serving the
 *   others. A thread stuck in a module cannot be stopped, so it is
 *   abandoned: it owns nothing the rest of the process waits for, and the
 *   process can exit under it. (A helper process per module could be
 *   killed, but would copy every token and certificate across a pipe on
 *   every poll, for a module that hangs only once in a while.)
 * - p11-kit loads a module (dlopen, C_GetFunctionList) holding its global
 *   lock, so a module stuck there would block every p11-kit call in the
 *   process. A module given by path is therefore first opened and asked for
 *   its function list by its own thread, outside p11-kit; only then does
 *   p11-kit load it. The registered modules can only be loaded all at once,
 *   by a loader thread the coordinator waits for up to the module timeout.
 *
 * The threads share nothing mutable with the main thread: they talk through
 * GAsyncQueues and hand over PkioTokens, which never change. The monitor
 * object is reached only through a GWeakRef, on its own main context, so
 * disposing it never waits for a module. */

G_DEFINE_QUARK (pkio-token-error-quark, pkio_token_error)

#define MAX_CERTIFICATES 64

static gint n_threads;

/* The last thread to end wakes the default main context, where a test
 * waits for _pkio_token_monitor_get_n_threads() to reach 0. */
static void
thread_ended (void)
{
  if (g_atomic_int_dec_and_test (&n_threads))
    g_main_context_wakeup (NULL);
}

typedef struct
{
  gatomicrefcount  ref_count;
  GWeakRef         monitor;
  GMainContext    *context;
  GAsyncQueue     *events;
  gboolean         use_registered;
  char           **paths;
  guint            poll_interval_ms;
  guint            module_timeout_ms;
  gint             paused;   /* atomic: sleep between polls until resumed */
  /* The coordinator thread's own: what it last posted. */
  GPtrArray       *last_tokens;
  GPtrArray       *last_modules;
} Shared;

typedef struct
{
  GPtrArray *tokens;
  char      *description;
  char      *error;
} ModuleResult;

typedef enum
{
  EVENT_REPLY,
  EVENT_REFRESH,
  EVENT_STOP,
} EventKind;

typedef struct
{
  EventKind     kind;
  guint         index;
  ModuleResult *result;
} Event;

typedef enum
{
  REQUEST_SCAN = 1,
  REQUEST_QUIT,
} Request;

/* Owned by the module's own thread. */
typedef struct
{
  CK_FUNCTION_LIST *module;
  void             *probe;    /* our own dlopen handle, see probe_module */
  char             *path;
  char             *name;
  guint             index;
  gboolean          initialized;
  gboolean          reinitialize_each_scan;
  GAsyncQueue      *requests;
  GAsyncQueue      *events;
} ModuleWorker;

/* The coordinator's view of one module. */
typedef struct
{
  char         *name;
  char         *path;
  GAsyncQueue  *requests;
  gboolean      busy;
  gboolean      asked_this_round;
  ModuleResult *last;
  gboolean      answered_this_round;
  GPtrArray    *published;
  GHashTable   *last_raw_keys;
  gboolean      never_loaded;  /* p11-kit's registered modules did not load */
} ModuleHandle;

typedef struct
{
  Shared    *shared;
  GPtrArray *tokens;
  GPtrArray *modules;
} Snapshot;

struct _PkioTokenMonitor
{
  GObject     parent_instance;

  GListStore *tokens;
  GPtrArray  *modules;
  Shared     *shared;
  gboolean    ready;
};

enum {
  PROP_0,
  PROP_READY,
  PROP_MODULES,
  N_PROPS
};

static void pkio_token_monitor_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PkioTokenMonitor, pkio_token_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pkio_token_monitor_list_model_iface_init))

G_DEFINE_BOXED_TYPE (PkioTokenModuleStatus, pkio_token_module_status,
                     pkio_token_module_status_copy, pkio_token_module_status_free)

static GParamSpec *properties[N_PROPS];

PkioTokenModuleStatus *
pkio_token_module_status_copy (const PkioTokenModuleStatus *status)
{
  PkioTokenModuleStatus *copy = g_new0 (PkioTokenModuleStatus, 1);

  copy->name = g_strdup (status->name);
  copy->path = g_strdup (status->path);
  copy->description = g_strdup (status->description);
  copy->state = status->state;
  copy->error = g_strdup (status->error);
  copy->n_tokens = status->n_tokens;

  return copy;
}

void
pkio_token_module_status_free (PkioTokenModuleStatus *status)
{
  if (status == NULL)
    return;

  g_free (status->name);
  g_free (status->path);
  g_free (status->description);
  g_free (status->error);
  g_free (status);
}

static gboolean
module_status_equal (const PkioTokenModuleStatus *a,
                     const PkioTokenModuleStatus *b)
{
  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->path, b->path) == 0 &&
         g_strcmp0 (a->description, b->description) == 0 &&
         a->state == b->state &&
         g_strcmp0 (a->error, b->error) == 0 &&
         a->n_tokens == b->n_tokens;
}

static Shared *
shared_ref (Shared *shared)
{
  g_atomic_ref_count_inc (&shared->ref_count);
  return shared;
}

static void
shared_unref (Shared *shared)
{
  if (!g_atomic_ref_count_dec (&shared->ref_count))
    return;

  g_weak_ref_clear (&shared->monitor);
  g_main_context_unref (shared->context);
  g_async_queue_unref (shared->events);
  g_strfreev (shared->paths);
  g_clear_pointer (&shared->last_tokens, g_ptr_array_unref);
  g_clear_pointer (&shared->last_modules, g_ptr_array_unref);
  g_free (shared);
}

static void
module_result_free (ModuleResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->tokens, g_ptr_array_unref);
  g_free (result->description);
  g_free (result->error);
  g_free (result);
}

static void
event_free (gpointer data)
{
  Event *event = data;

  module_result_free (event->result);
  g_free (event);
}

static void
push_event (GAsyncQueue  *queue,
            EventKind     kind,
            guint         index,
            ModuleResult *result)
{
  Event *event = g_new0 (Event, 1);

  event->kind = kind;
  event->index = index;
  event->result = result;
  g_async_queue_push (queue, event);
}

static void
snapshot_free (gpointer data)
{
  Snapshot *snapshot = data;

  shared_unref (snapshot->shared);
  g_ptr_array_unref (snapshot->tokens);
  g_clear_pointer (&snapshot->modules, g_ptr_array_unref);
  g_free (snapshot);
}

/* ---- Module threads: every PKCS#11 call is made here ---- */

static char *
ck_error (const char *function,
          CK_RV       rv)
{
  return g_strdup_printf ("%s: %s (0x%lx)", function, p11_kit_strerror (rv), (gulong)rv);
}

static GBytes *
read_attribute (CK_FUNCTION_LIST  *m,
                CK_SESSION_HANDLE  session,
                CK_OBJECT_HANDLE   object,
                CK_ATTRIBUTE_TYPE  type)
{
  CK_ATTRIBUTE attr = { type, NULL, 0 };
  g_autofree guchar *value = NULL;

  if (m->C_GetAttributeValue (session, object, &attr, 1) != CKR_OK ||
      attr.ulValueLen == CK_UNAVAILABLE_INFORMATION)
    return NULL;

  /* A certificate larger than this is not a certificate. */
  if (attr.ulValueLen > 1024 * 1024)
    return NULL;

  value = g_malloc0 (attr.ulValueLen + 1);
  attr.pValue = value;
  if (m->C_GetAttributeValue (session, object, &attr, 1) != CKR_OK)
    return NULL;

  return g_bytes_new_take (g_steal_pointer (&value), attr.ulValueLen);
}

static GPtrArray *
read_certificates (CK_FUNCTION_LIST  *m,
                   CK_SLOT_ID         slot,
                   gboolean          *pin_locked,
                   char             **error)
{
  g_autoptr(GPtrArray) certificates = g_ptr_array_new_with_free_func (g_object_unref);
  CK_OBJECT_CLASS klass = CKO_CERTIFICATE;
  CK_CERTIFICATE_TYPE x509 = CKC_X_509;
  CK_ATTRIBUTE match[] = {
    { CKA_CLASS, &klass, sizeof klass },
    { CKA_CERTIFICATE_TYPE, &x509, sizeof x509 },
  };
  CK_OBJECT_HANDLE handles[MAX_CERTIFICATES];
  CK_ULONG n_handles = 0;
  CK_SESSION_HANDLE session;
  CK_RV rv;

  /* Public objects only: no login, so no PIN try is ever used up here. */
  rv = m->C_OpenSession (slot, CKF_SERIAL_SESSION, NULL, NULL, &session);
  if (rv == CKR_PIN_LOCKED)
    *pin_locked = TRUE;
  if (rv != CKR_OK)
    {
      *error = ck_error ("C_OpenSession", rv);
      return g_steal_pointer (&certificates);
    }

  rv = m->C_FindObjectsInit (session, match, G_N_ELEMENTS (match));
  if (rv == CKR_OK)
    {
      rv = m->C_FindObjects (session, handles, G_N_ELEMENTS (handles), &n_handles);
      m->C_FindObjectsFinal (session);
      if (rv == CKR_PIN_LOCKED)
        *pin_locked = TRUE;
      if (rv != CKR_OK)
        *error = ck_error ("C_FindObjects", rv);
    }
  else
    {
      *error = ck_error ("C_FindObjectsInit", rv);
    }

  for (CK_ULONG i = 0; i < n_handles && rv == CKR_OK; i++)
    {
      g_autoptr(GBytes) der = read_attribute (m, session, handles[i], CKA_VALUE);
      g_autoptr(GBytes) label = read_attribute (m, session, handles[i], CKA_LABEL);
      g_autoptr(GError) local_error = NULL;
      PkioTokenCertificate *cert;

      if (der == NULL)
        continue;

      cert = pkio_token_certificate_new_from_der (der,
                                                  label ? g_bytes_get_data (label, NULL) : NULL,
                                                  &local_error);
      if (cert != NULL)
        g_ptr_array_add (certificates, cert);
      else if (*error == NULL)
        *error = g_strdup (local_error->message);
    }

  m->C_CloseSession (session);

  return g_steal_pointer (&certificates);
}

/* Opens the module and calls C_GetFunctionList here, without p11-kit's
 * global lock: see the comment at the top. */
static char *
probe_module (ModuleWorker *w)
{
  g_autofree char *path = g_path_is_absolute (w->path)
                            ? g_strdup (w->path)
                            : g_build_filename (P11_MODULE_PATH, w->path, NULL);
  CK_C_GetFunctionList get_function_list;
  CK_FUNCTION_LIST_PTR list = NULL;
  CK_RV rv;

  if (w->probe == NULL)
    w->probe = dlopen (path, RTLD_NOW | RTLD_LOCAL);
  if (w->probe == NULL)
    return g_strdup_printf (_("Cannot load the module: %s"), dlerror ());

  get_function_list = (CK_C_GetFunctionList)dlsym (w->probe, "C_GetFunctionList");
  if (get_function_list == NULL)
    return g_strdup_printf (_("Cannot load the module: %s"), dlerror ());

  rv = get_function_list (&list);
  if (rv != CKR_OK || list == NULL)
    return ck_error ("C_GetFunctionList", rv != CKR_OK ? rv : CKR_GENERAL_ERROR);

  return NULL;
}

static ModuleResult *
module_worker_scan (ModuleWorker *w)
{
  ModuleResult *result = g_new0 (ModuleResult, 1);
  g_autofree CK_SLOT_ID *slots = NULL;
  CK_ULONG n_slots = 0;
  CK_INFO info;
  g_autofree char *library_manufacturer = NULL;
  CK_RV rv;

  result->tokens = g_ptr_array_new_with_free_func (g_object_unref);

  if (w->module == NULL)
    {
      result->error = probe_module (w);
      if (result->error != NULL)
        return result;

      w->module = p11_kit_module_load (w->path, 0);
      if (w->module == NULL)
        {
          const char *message = p11_kit_message ();

          result->error = g_strdup_printf (_("Cannot load the module: %s"),
                                           message ? message : w->path);
          return result;
        }
    }

  /* The p11-kit server decides which tokens a client sees when it is
   * initialised, so a remote module must reconnect to see a new token. */
  if (w->initialized && w->reinitialize_each_scan)
    {
      p11_kit_module_finalize (w->module);
      w->initialized = FALSE;
    }

  if (!w->initialized)
    {
      rv = p11_kit_module_initialize (w->module);
      if (rv != CKR_OK)
        {
          result->error = ck_error ("C_Initialize", rv);
          return result;
        }
      w->initialized = TRUE;
    }

  if (w->module->C_GetInfo (&info) == CKR_OK)
    {
      result->description = _pkio_token_padded_string (info.libraryDescription,
                                                       sizeof info.libraryDescription);
      library_manufacturer = _pkio_token_padded_string (info.manufacturerID,
                                                        sizeof info.manufacturerID);
    }

  /* Slots come and go between the two calls when a reader is plugged in. */
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      rv = w->module->C_GetSlotList (CK_TRUE, NULL, &n_slots);
      if (rv != CKR_OK)
        break;
      g_clear_pointer (&slots, g_free);
      slots = g_new0 (CK_SLOT_ID, MAX (n_slots, 1));
      rv = w->module->C_GetSlotList (CK_TRUE, slots, &n_slots);
      if (rv != CKR_BUFFER_TOO_SMALL)
        break;
    }

  if (rv != CKR_OK)
    {
      if (rv == CKR_CRYPTOKI_NOT_INITIALIZED)
        w->initialized = FALSE;
      result->error = ck_error ("C_GetSlotList", rv);
      return result;
    }

  for (CK_ULONG i = 0; i < n_slots; i++)
    {
      g_autoptr(GPtrArray) certificates = NULL;
      g_autofree char *slot_description = NULL;
      g_autofree char *cert_error = NULL;
      CK_SLOT_INFO slot_info;
      CK_TOKEN_INFO token_info;
      gboolean pin_locked = FALSE;
      PkioToken *token;

      rv = w->module->C_GetTokenInfo (slots[i], &token_info);
      if (rv == CKR_TOKEN_NOT_PRESENT || rv == CKR_DEVICE_REMOVED)
        continue;
      if (rv != CKR_OK)
        {
          if (result->error == NULL)
            result->error = ck_error ("C_GetTokenInfo", rv);
          continue;
        }

      if (w->module->C_GetSlotInfo (slots[i], &slot_info) == CKR_OK)
        slot_description = _pkio_token_padded_string (slot_info.slotDescription,
                                                      sizeof slot_info.slotDescription);

      /* An uninitialised token has no objects, and some modules refuse a
       * session on it (SoftHSM's free slot: CKR_TOKEN_NOT_RECOGNIZED). */
      if (token_info.flags & CKF_TOKEN_INITIALIZED)
        certificates = read_certificates (w->module, slots[i], &pin_locked, &cert_error);
      token = _pkio_token_new (w->name, slots[i], slot_description, &token_info,
                               certificates, cert_error);
      _pkio_token_set_pin_reporting (token,
                                     _pkio_token_module_reports_pin_state (library_manufacturer),
                                     pin_locked);
      g_ptr_array_add (result->tokens, token);
    }

  return result;
}

static void
module_worker_free (ModuleWorker *w)
{
  if (w->module != NULL)
    {
      if (w->initialized)
        p11_kit_module_finalize (w->module);
      p11_kit_module_release (w->module);
    }
  if (w->probe != NULL)
    dlclose (w->probe);

  g_async_queue_unref (w->requests);
  g_async_queue_unref (w->events);
  g_free (w->path);
  g_free (w->name);
  g_free (w);
}

static gpointer
module_worker_thread (gpointer data)
{
  ModuleWorker *w = data;

  for (;;)
    {
      Request request = GPOINTER_TO_INT (g_async_queue_pop (w->requests));

      if (request == REQUEST_QUIT)
        break;

      push_event (w->events, EVENT_REPLY, w->index, module_worker_scan (w));
    }

  module_worker_free (w);
  thread_ended ();

  return NULL;
}

/* ---- The coordinator thread ---- */

static void
module_handle_free (gpointer data)
{
  ModuleHandle *h = data;

  /* The module thread finishes its current call, if any, then quits and
   * cleans up on its own: nobody waits for it. */
  if (!h->never_loaded)
    g_async_queue_push (h->requests, GINT_TO_POINTER (REQUEST_QUIT));
  g_async_queue_unref (h->requests);
  module_result_free (h->last);
  g_clear_pointer (&h->published, g_ptr_array_unref);
  g_clear_pointer (&h->last_raw_keys, g_hash_table_unref);
  g_free (h->name);
  g_free (h->path);
  g_free (h);
}

static void
add_module (GPtrArray        *handles,
            Shared           *shared,
            CK_FUNCTION_LIST *module,
            const char       *path,
            const char       *name,
            gboolean          reinitialize_each_scan)
{
  ModuleHandle *h = g_new0 (ModuleHandle, 1);
  ModuleWorker *w = g_new0 (ModuleWorker, 1);
  g_autoptr(GThread) thread = NULL;

  h->name = g_strdup (name);
  h->path = g_strdup (path);
  h->requests = g_async_queue_new ();
  h->published = g_ptr_array_new_with_free_func (g_object_unref);
  h->last_raw_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  w->module = module;
  w->path = g_strdup (path);
  w->name = g_strdup (name);
  w->index = handles->len;
  w->reinitialize_each_scan = reinitialize_each_scan;
  w->requests = g_async_queue_ref (h->requests);
  w->events = g_async_queue_ref (shared->events);

  g_ptr_array_add (handles, h);

  g_atomic_int_inc (&n_threads);
  thread = g_thread_new ("pkio-token-module", module_worker_thread, w);
}

static char *
module_name_from_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  if (g_str_has_suffix (base, ".so"))
    base[strlen (base) - 3] = '\0';

  return g_steal_pointer (&base);
}

static gboolean
has_module_path (GPtrArray  *handles,
                 const char *path)
{
  g_autofree char *real = realpath (path, NULL);
  g_autofree char *base = g_path_get_basename (path);

  for (guint i = 0; i < handles->len; i++)
    {
      ModuleHandle *h = g_ptr_array_index (handles, i);
      g_autofree char *other = h->path ? realpath (h->path, NULL) : NULL;
      g_autofree char *other_base = h->path ? g_path_get_basename (h->path) : NULL;

      if (g_strcmp0 (h->path, path) == 0 || (real && g_strcmp0 (real, other) == 0))
        return TRUE;

      /* A bare name is looked up in p11-kit's module directory: the same
       * module as a registered one with that file name. */
      if (!g_path_is_absolute (path) && g_strcmp0 (base, other_base) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The registered modules, loaded by a thread of their own: a module stuck
 * in C_GetFunctionList must not stop the coordinator. */
typedef struct
{
  gatomicrefcount     ref_count;
  GMutex              mutex;
  GCond               cond;
  gboolean            done;
  gboolean            abandoned;
  CK_FUNCTION_LIST  **modules;
} RegisteredLoad;

static void
registered_load_unref (RegisteredLoad *load)
{
  if (!g_atomic_ref_count_dec (&load->ref_count))
    return;

  if (load->modules != NULL)
    p11_kit_modules_release (load->modules);
  g_mutex_clear (&load->mutex);
  g_cond_clear (&load->cond);
  g_free (load);
}

static gpointer
registered_load_thread (gpointer data)
{
  RegisteredLoad *load = data;
  /* Loading only reads the configuration and dlopens; initialising is what
   * can take seconds (OpenSC reads every card), so that is left to each
   * module's thread instead of p11_kit_modules_load_and_initialize, which
   * would make every module wait for the slowest. */
  CK_FUNCTION_LIST **modules = p11_kit_modules_load (NULL, 0);

  g_mutex_lock (&load->mutex);
  load->done = TRUE;
  load->modules = modules;
  g_cond_signal (&load->cond);
  g_mutex_unlock (&load->mutex);

  registered_load_unref (load);
  thread_ended ();

  return NULL;
}

/* Returns: (transfer full) (nullable): the modules, or %NULL when loading
 * did not finish by the module timeout */
static CK_FUNCTION_LIST **
load_registered (Shared *shared)
{
  RegisteredLoad *load = g_new0 (RegisteredLoad, 1);
  g_autoptr(GThread) thread = NULL;
  gint64 deadline = g_get_monotonic_time () + (gint64)shared->module_timeout_ms * 1000;
  CK_FUNCTION_LIST **modules;

  g_atomic_ref_count_init (&load->ref_count);
  g_atomic_ref_count_inc (&load->ref_count);
  g_mutex_init (&load->mutex);
  g_cond_init (&load->cond);

  g_atomic_int_inc (&n_threads);
  thread = g_thread_new ("pkio-token-load", registered_load_thread, load);

  g_mutex_lock (&load->mutex);
  while (!load->done)
    {
      if (!g_cond_wait_until (&load->cond, &load->mutex, deadline))
        break;
    }
  modules = g_steal_pointer (&load->modules);
  load->abandoned = !load->done;
  g_mutex_unlock (&load->mutex);

  registered_load_unref (load);

  return modules;
}

static GPtrArray *
load_modules (Shared *shared)
{
  GPtrArray *handles = g_ptr_array_new_with_free_func (module_handle_free);
  gboolean registered_stuck = FALSE;

  if (shared->use_registered)
    {
      CK_FUNCTION_LIST **modules = load_registered (shared);

      registered_stuck = (modules == NULL);

      for (guint i = 0; modules && modules[i]; i++)
        {
          g_autofree char *name = NULL;
          g_autofree char *filename = NULL;
          char *tmp;

          /* Trust-policy modules hold the CA store, not tokens. */
          if (p11_kit_module_get_flags (modules[i]) & P11_KIT_MODULE_TRUSTED)
            {
              p11_kit_module_release (modules[i]);
              continue;
            }

          tmp = p11_kit_module_get_name (modules[i]);
          name = g_strdup (tmp);
          free (tmp);
          tmp = p11_kit_module_get_filename (modules[i]);
          filename = g_strdup (tmp);
          free (tmp);

          add_module (handles, shared, modules[i], filename,
                      name ? name : filename, FALSE);
        }
      free (modules);
    }

  /* Which registered module hangs, p11-kit cannot say: it loads them all
   * at once. Reported as one entry, so that the citizen and support see
   * it, while the modules given by path still work. */
  if (registered_stuck)
    {
      ModuleHandle *h = g_new0 (ModuleHandle, 1);

      h->name = g_strdup (_("Modules registered with p11-kit"));
      h->requests = g_async_queue_new ();
      h->published = g_ptr_array_new_with_free_func (g_object_unref);
      h->last_raw_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      h->never_loaded = TRUE;
      h->busy = TRUE;
      g_ptr_array_add (handles, h);
    }

  for (guint i = 0; shared->paths && shared->paths[i]; i++)
    {
      g_autofree char *name = NULL;

      if (*shared->paths[i] == '\0' || has_module_path (handles, shared->paths[i]))
        continue;

      name = module_name_from_path (shared->paths[i]);
      add_module (handles, shared, NULL, shared->paths[i], name, FALSE);
    }

  /* Inside Flatpak the runtime's p11-kit knows no module of ours: the
   * bundled OpenSC is loaded by path, and the host's tokens are reachable
   * only through a p11-kit server socket the user shares with the app. */
  if (shared->use_registered && pkio_token_report_in_flatpak ())
    {
      g_autofree char *socket = g_build_filename (g_get_user_runtime_dir (),
                                                  "p11-kit", "pkcs11", NULL);

      if (!has_module_path (handles, PKIO_BUNDLED_OPENSC))
        add_module (handles, shared, NULL, PKIO_BUNDLED_OPENSC, "opensc-pkcs11", FALSE);

      if (g_file_test (socket, G_FILE_TEST_EXISTS) &&
          !has_module_path (handles, "p11-kit-client.so"))
        add_module (handles, shared, NULL, "p11-kit-client.so", "p11-kit-client", TRUE);
    }

  return handles;
}

static void apply_hysteresis (ModuleHandle *h);

static void
store_reply (GPtrArray *handles,
             Event     *event)
{
  ModuleHandle *h;

  g_assert (event->index < handles->len);
  h = g_ptr_array_index (handles, event->index);
  h->busy = FALSE;
  h->asked_this_round = FALSE;
  h->answered_this_round = TRUE;
  module_result_free (h->last);
  h->last = g_steal_pointer (&event->result);
  /* Applied as the answer comes, so that its tokens can be shown before
   * the slowest module has answered. */
  apply_hysteresis (h);
  h->answered_this_round = FALSE;
}

static gboolean
token_in (GPtrArray  *tokens,
          const char *key)
{
  for (guint i = 0; i < tokens->len; i++)
    {
      if (g_str_equal (pkio_token_get_key (g_ptr_array_index (tokens, i)), key))
        return TRUE;
    }

  return FALSE;
}

/* A token is shown as soon as one poll sees it, but removed only when two
 * polls in a row miss it: a token re-enumerating on the bus, or a module
 * that fails once, must not make its row blink. */
static void
apply_hysteresis (ModuleHandle *h)
{
  g_autoptr(GPtrArray) published = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *raw;

  /* No answer is not an absence: keep what was there. */
  if (!h->answered_this_round)
    return;

  raw = h->last->tokens;
  for (guint i = 0; i < raw->len; i++)
    g_ptr_array_add (published, g_object_ref (g_ptr_array_index (raw, i)));

  for (guint i = 0; i < h->published->len; i++)
    {
      PkioToken *old = g_ptr_array_index (h->published, i);
      const char *key = pkio_token_get_key (old);

      if (!token_in (raw, key) && g_hash_table_contains (h->last_raw_keys, key))
        g_ptr_array_add (published, g_object_ref (old));
    }

  g_hash_table_remove_all (h->last_raw_keys);
  for (guint i = 0; i < raw->len; i++)
    g_hash_table_add (h->last_raw_keys,
                      g_strdup (pkio_token_get_key (g_ptr_array_index (raw, i))));

  g_ptr_array_unref (h->published);
  h->published = g_steal_pointer (&published);
}

static PkioTokenModuleStatus *
module_status (Shared       *shared,
               ModuleHandle *h)
{
  PkioTokenModuleStatus *status = g_new0 (PkioTokenModuleStatus, 1);

  status->name = g_strdup (h->name);
  status->path = g_strdup (h->path);
  status->n_tokens = h->published->len;

  if (h->last)
    status->description = g_strdup (h->last->description);

  if (h->never_loaded)
    {
      status->state = PKIO_TOKEN_MODULE_NOT_RESPONDING;
      status->error = g_strdup_printf (_("Loading did not finish after %.1f seconds: one of "
                                         "them does not answer. “p11-kit list-modules” "
                                         "shows which."),
                                       shared->module_timeout_ms / 1000.0);
    }
  else if (h->busy)
    {
      status->state = PKIO_TOKEN_MODULE_NOT_RESPONDING;
      status->error = g_strdup_printf (_("Not responding after %.1f seconds"),
                                       shared->module_timeout_ms / 1000.0);
    }
  else if (h->last && h->last->error)
    {
      status->state = PKIO_TOKEN_MODULE_FAILED;
      status->error = g_strdup (h->last->error);
    }
  else
    {
      status->state = PKIO_TOKEN_MODULE_OK;
    }

  return status;
}

static gboolean
snapshot_differs (GPtrArray *tokens,
                  GPtrArray *modules,
                  GPtrArray *old_tokens,
                  GPtrArray *old_modules)
{
  if (old_tokens == NULL || old_modules == NULL ||
      tokens->len != old_tokens->len || modules->len != old_modules->len)
    return TRUE;

  for (guint i = 0; i < tokens->len; i++)
    {
      if (!pkio_token_equal (g_ptr_array_index (tokens, i), g_ptr_array_index (old_tokens, i)))
        return TRUE;
    }

  for (guint i = 0; i < modules->len; i++)
    {
      if (!module_status_equal (g_ptr_array_index (modules, i), g_ptr_array_index (old_modules, i)))
        return TRUE;
    }

  return FALSE;
}

static gboolean deliver_snapshot_cb (gpointer data);

static void
post_snapshot (Shared    *shared,
               GPtrArray *tokens,
               GPtrArray *modules)
{
  g_autoptr(GSource) source = g_idle_source_new ();
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->shared = shared_ref (shared);
  snapshot->tokens = g_ptr_array_ref (tokens);
  snapshot->modules = modules ? g_ptr_array_ref (modules) : NULL;

  /* Not g_main_context_invoke: it runs the callback right here when no
   * thread happens to own the context at that moment. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_snapshot_cb, snapshot, snapshot_free);
  g_source_set_static_name (source, "[pkio] token snapshot");
  g_source_attach (source, shared->context);
}

static GPtrArray *
collect_tokens (GPtrArray *handles)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < handles->len; i++)
    {
      ModuleHandle *h = g_ptr_array_index (handles, i);

      for (guint j = 0; j < h->published->len; j++)
        g_ptr_array_add (tokens, g_object_ref (g_ptr_array_index (h->published, j)));
    }

  return tokens;
}

/* Posts the tokens alone, while other modules have still to answer: the
 * module states (and "ready") wait for the end of the poll. */
static void
post_tokens_if_changed (Shared    *shared,
                        GPtrArray *handles)
{
  g_autoptr(GPtrArray) tokens = collect_tokens (handles);
  gboolean differs = shared->last_tokens == NULL || tokens->len != shared->last_tokens->len;

  for (guint i = 0; !differs && i < tokens->len; i++)
    differs = !pkio_token_equal (g_ptr_array_index (tokens, i),
                                 g_ptr_array_index (shared->last_tokens, i));
  if (!differs)
    return;

  post_snapshot (shared, tokens, NULL);
  g_clear_pointer (&shared->last_tokens, g_ptr_array_unref);
  shared->last_tokens = g_ptr_array_ref (tokens);
}

/* Waits for events until @deadline (monotonic µs). Returns FALSE on stop. */
static gboolean
wait_events (Shared    *shared,
             GPtrArray *handles,
             gint64     deadline,
             gboolean   until_all_answered,
             gboolean  *refresh)
{
  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      Event *event;
      gboolean any_waiting = FALSE;

      /* Only for modules asked in this poll: one that has been stuck
       * since an earlier poll must not slow every later poll down. */
      for (guint i = 0; i < handles->len; i++)
        any_waiting |= ((ModuleHandle *)g_ptr_array_index (handles, i))->asked_this_round;

      if (until_all_answered && !any_waiting)
        return TRUE;
      if (now >= deadline)
        return TRUE;

      /* No deadline (paused): wait for an event as long as it takes; a
       * timeout computed from G_MAXINT64 would overflow inside GLib. */
      if (deadline == G_MAXINT64)
        event = g_async_queue_pop (shared->events);
      else
        event = g_async_queue_timeout_pop (shared->events, deadline - now);
      if (event == NULL)
        continue;

      switch (event->kind)
        {
        case EVENT_REPLY:
          store_reply (handles, event);
          post_tokens_if_changed (shared, handles);
          break;

        case EVENT_REFRESH:
          if (refresh)
            *refresh = TRUE;
          break;

        case EVENT_STOP:
          event_free (event);
          return FALSE;

        default:
          g_assert_not_reached ();
        }

      event_free (event);

      if (refresh && *refresh)
        return TRUE;
    }
}

static gpointer
coordinator_thread (gpointer data)
{
  Shared *shared = data;
  g_autoptr(GPtrArray) handles = load_modules (shared);

  for (;;)
    {
      g_autoptr(GPtrArray) tokens = NULL;
      g_autoptr(GPtrArray) modules =
        g_ptr_array_new_with_free_func ((GDestroyNotify)pkio_token_module_status_free);
      gint64 round_start = g_get_monotonic_time ();
      gboolean refresh = FALSE;

      for (guint i = 0; i < handles->len; i++)
        {
          ModuleHandle *h = g_ptr_array_index (handles, i);

          /* A module still busy from an earlier poll is not asked again:
           * its answer, when it comes, counts for the poll it arrives in. */
          if (!h->busy)
            {
              h->busy = TRUE;
              h->asked_this_round = TRUE;
              g_async_queue_push (h->requests, GINT_TO_POINTER (REQUEST_SCAN));
            }
        }

      if (!wait_events (shared, handles,
                        round_start + (gint64)shared->module_timeout_ms * 1000,
                        TRUE, NULL))
        break;

      for (guint i = 0; i < handles->len; i++)
        {
          ModuleHandle *h = g_ptr_array_index (handles, i);

          h->asked_this_round = FALSE;
          g_ptr_array_add (modules, module_status (shared, h));
        }
      tokens = collect_tokens (handles);

      if (snapshot_differs (tokens, modules, shared->last_tokens, shared->last_modules))
        {
          post_snapshot (shared, tokens, modules);
          g_clear_pointer (&shared->last_tokens, g_ptr_array_unref);
          g_clear_pointer (&shared->last_modules, g_ptr_array_unref);
          shared->last_tokens = g_ptr_array_ref (tokens);
          shared->last_modules = g_ptr_array_ref (modules);
        }

      /* Paused, nobody looks at the tokens: sleep until a refresh (which
       * resuming sends) or the end, rather than poll every module. */
      if (!wait_events (shared, handles,
                        g_atomic_int_get (&shared->paused)
                          ? G_MAXINT64
                          : round_start + (gint64)shared->poll_interval_ms * 1000,
                        FALSE, &refresh))
        break;
    }

  g_clear_pointer (&handles, g_ptr_array_unref);
  shared_unref (shared);
  thread_ended ();

  return NULL;
}

/* ---- The main-thread side ---- */

static guint
find_key (GListModel *model,
          guint       from,
          const char *key)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = from; i < n; i++)
    {
      g_autoptr(PkioToken) token = g_list_model_get_item (model, i);

      if (g_str_equal (pkio_token_get_key (token), key))
        return i;
    }

  return G_MAXUINT;
}

/* Splices only what changed, so that the rows of tokens that stay keep
 * their widgets (and their focus and expanded state). */
static void
update_tokens (PkioTokenMonitor *self,
               GPtrArray        *tokens)
{
  GListModel *model = G_LIST_MODEL (self->tokens);
  guint pos = 0;

  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(PkioToken) old = g_list_model_get_item (model, i - 1);

      if (!token_in (tokens, pkio_token_get_key (old)))
        g_list_store_remove (self->tokens, i - 1);
    }

  for (guint i = 0; i < tokens->len; i++, pos++)
    {
      PkioToken *token = g_ptr_array_index (tokens, i);
      guint found = find_key (model, pos, pkio_token_get_key (token));

      if (found == pos)
        {
          g_autoptr(PkioToken) old = g_list_model_get_item (model, pos);

          if (!pkio_token_equal (old, token))
            g_list_store_splice (self->tokens, pos, 1, (gpointer *)&token, 1);
          continue;
        }

      if (found != G_MAXUINT)
        g_list_store_remove (self->tokens, found);
      g_list_store_insert (self->tokens, pos, token);
    }
}

static gboolean
deliver_snapshot_cb (gpointer data)
{
  Snapshot *snapshot = data;
  g_autoptr(PkioTokenMonitor) self = g_weak_ref_get (&snapshot->shared->monitor);

  if (self == NULL)
    return G_SOURCE_REMOVE;

  update_tokens (self, snapshot->tokens);

  /* Tokens of the modules that answered first: the poll goes on. */
  if (snapshot->modules == NULL)
    return G_SOURCE_REMOVE;

  g_clear_pointer (&self->modules, g_ptr_array_unref);
  self->modules = g_ptr_array_ref (snapshot->modules);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODULES]);

  if (!self->ready)
    {
      self->ready = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
    }

  return G_SOURCE_REMOVE;
}

static void
tokens_changed_cb (PkioTokenMonitor *self,
                   guint             position,
                   guint             removed,
                   guint             added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static GType
pkio_token_monitor_get_item_type (GListModel *model)
{
  return PKIO_TYPE_TOKEN;
}

static guint
pkio_token_monitor_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (PKIO_TOKEN_MONITOR (model)->tokens));
}

static gpointer
pkio_token_monitor_get_item (GListModel *model,
                             guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (PKIO_TOKEN_MONITOR (model)->tokens), position);
}

static void
pkio_token_monitor_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = pkio_token_monitor_get_item_type;
  iface->get_n_items = pkio_token_monitor_get_n_items;
  iface->get_item = pkio_token_monitor_get_item;
}

static void
pkio_token_monitor_dispose (GObject *object)
{
  PkioTokenMonitor *self = (PkioTokenMonitor *)object;

  if (self->shared != NULL)
    {
      push_event (self->shared->events, EVENT_STOP, 0, NULL);
      g_clear_pointer (&self->shared, shared_unref);
    }

  G_OBJECT_CLASS (pkio_token_monitor_parent_class)->dispose (object);
}

static void
pkio_token_monitor_finalize (GObject *object)
{
  PkioTokenMonitor *self = (PkioTokenMonitor *)object;

  g_clear_object (&self->tokens);
  g_clear_pointer (&self->modules, g_ptr_array_unref);

  G_OBJECT_CLASS (pkio_token_monitor_parent_class)->finalize (object);
}

static void
pkio_token_monitor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PkioTokenMonitor *self = PKIO_TOKEN_MONITOR (object);

  switch (prop_id)
    {
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;

    case PROP_MODULES:
      g_value_set_boxed (value, self->modules);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_token_monitor_class_init (PkioTokenMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pkio_token_monitor_dispose;
  object_class->finalize = pkio_token_monitor_finalize;
  object_class->get_property = pkio_token_monitor_get_property;

  /**
   * PkioTokenMonitor:ready:
   *
   * Whether the first poll has finished (modules that did not answer in
   * time included), so that "no token" can be told from "still looking".
   */
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MODULES] =
    g_param_spec_boxed ("modules", NULL, NULL,
                        G_TYPE_PTR_ARRAY,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pkio_token_monitor_init (PkioTokenMonitor *self)
{
  self->tokens = g_list_store_new (PKIO_TYPE_TOKEN);
  self->modules = g_ptr_array_new_with_free_func ((GDestroyNotify)pkio_token_module_status_free);
  g_signal_connect_object (self->tokens, "items-changed", G_CALLBACK (tokens_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * pkio_token_monitor_new_full:
 * @use_registered: whether to load the modules registered with p11-kit
 *   (and, inside Flatpak, the p11-kit client)
 * @module_paths: (nullable): more modules to load by path
 * @poll_interval_ms: time between polls
 * @module_timeout_ms: how long a poll waits for a module before
 *   reporting it as not responding
 *
 * Starts polling at once. Snapshots are delivered on the thread-default
 * main context of the caller.
 */
PkioTokenMonitor *
pkio_token_monitor_new_full (gboolean            use_registered,
                             const char * const *module_paths,
                             guint               poll_interval_ms,
                             guint               module_timeout_ms)
{
  g_autoptr(GThread) thread = NULL;
  PkioTokenMonitor *self;
  Shared *shared;

  g_return_val_if_fail (poll_interval_ms > 0, NULL);
  g_return_val_if_fail (module_timeout_ms > 0, NULL);

  shared = g_new0 (Shared, 1);
  g_atomic_ref_count_init (&shared->ref_count);
  shared->context = g_main_context_ref_thread_default ();
  shared->events = g_async_queue_new_full (event_free);
  shared->use_registered = use_registered;
  shared->paths = g_strdupv ((char **)module_paths);
  shared->poll_interval_ms = poll_interval_ms;
  shared->module_timeout_ms = module_timeout_ms;

  self = g_object_new (PKIO_TYPE_TOKEN_MONITOR, NULL);
  self->shared = shared;
  g_weak_ref_init (&shared->monitor, self);

  g_atomic_int_inc (&n_threads);
  thread = g_thread_new ("pkio-token-monitor", coordinator_thread, shared_ref (shared));

  return self;
}

/**
 * pkio_token_monitor_new:
 * @extra_module_paths: (nullable): vendor modules to load by path, such as
 *   the paths in the token-module-paths setting
 *
 * The production monitor: the registered p11-kit modules, trust-policy
 * modules skipped, plus @extra_module_paths.
 */
PkioTokenMonitor *
pkio_token_monitor_new (const char * const *extra_module_paths)
{
  return pkio_token_monitor_new_full (TRUE, extra_module_paths,
                                      PKIO_TOKEN_MONITOR_POLL_INTERVAL_MS,
                                      PKIO_TOKEN_MONITOR_MODULE_TIMEOUT_MS);
}

/**
 * pkio_token_monitor_new_for_modules:
 *
 * Only the modules in @module_paths, for tests that must not depend on what
 * is registered on the machine.
 */
PkioTokenMonitor *
pkio_token_monitor_new_for_modules (const char * const *module_paths,
                                    guint               poll_interval_ms,
                                    guint               module_timeout_ms)
{
  return pkio_token_monitor_new_full (FALSE, module_paths, poll_interval_ms, module_timeout_ms);
}

/**
 * pkio_token_monitor_get_tokens:
 *
 * Returns: (transfer none): the tokens present, as #PkioToken items; the
 *   monitor itself is that model
 */
GListModel *
pkio_token_monitor_get_tokens (PkioTokenMonitor *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN_MONITOR (self), NULL);

  return G_LIST_MODEL (self);
}

gboolean
pkio_token_monitor_get_ready (PkioTokenMonitor *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN_MONITOR (self), FALSE);

  return self->ready;
}

/**
 * pkio_token_monitor_dup_modules:
 *
 * Returns: (transfer container) (element-type PkioTokenModuleStatus): the
 *   modules as the last poll saw them; the elements must not be changed
 */
GPtrArray *
pkio_token_monitor_dup_modules (PkioTokenMonitor *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN_MONITOR (self), NULL);

  return g_ptr_array_ref (self->modules);
}

/**
 * pkio_token_monitor_refresh:
 *
 * Polls now instead of at the next interval.
 */
void
pkio_token_monitor_refresh (PkioTokenMonitor *self)
{
  g_return_if_fail (PKIO_IS_TOKEN_MONITOR (self));

  if (self->shared != NULL)
    push_event (self->shared->events, EVENT_REFRESH, 0, NULL);
}

/**
 * _pkio_token_monitor_get_n_threads:
 *
 * Returns: the monitor and module threads still running in the process;
 *   tests wait for 0 before they exit
 */
guint
_pkio_token_monitor_get_n_threads (void)
{
  return g_atomic_int_get (&n_threads);
}

/**
 * pkio_token_monitor_set_paused:
 * @paused: whether to stop polling
 *
 * While paused the monitor polls no module: the token panel pauses it when
 * it is hidden. Resuming polls at once, so the list is current again.
 */
void
pkio_token_monitor_set_paused (PkioTokenMonitor *self,
                               gboolean          paused)
{
  g_return_if_fail (PKIO_IS_TOKEN_MONITOR (self));

  paused = !!paused;
  if (g_atomic_int_get (&self->shared->paused) == paused)
    return;

  g_atomic_int_set (&self->shared->paused, paused);
  if (!paused)
    pkio_token_monitor_refresh (self);
}

/**
 * pkio_token_monitor_wait_for_threads:
 * @timeout_ms: the longest to wait
 *
 * After the last monitor is gone, its threads still give each module its
 * C_Finalize (OpenSC releases its pcscd context there). A process about to
 * exit waits for that, but never long for a module that hangs.
 *
 * Returns: whether every thread finished in time
 */
gboolean
pkio_token_monitor_wait_for_threads (guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)timeout_ms * 1000;

  while (g_atomic_int_get (&n_threads) > 0)
    {
      if (g_get_monotonic_time () >= deadline)
        return FALSE;
      g_usleep (10 * 1000);
    }

  return TRUE;
}
