#!/usr/bin/env python3
"""Writes golden.json, the expectations of the golden CLI runs (tests/cli/README.md), from the
tables below: one place to read and change them. Run: python3 make_cases.py > golden.json"""
import json

D, W = '{data}', '{work}'
FASHION = ['--fashion', D + '/fashion']
cases = []


def case(name, args, **kw):
    kw.update(name=name, args=args)
    cases.append(kw)


def near(v, abs=None, rel=None):
    return {'near': v, 'abs': abs} if abs is not None else {'near': v, 'rel': rel}


POS = {'range': [0, 1e12]}            # a timing or speed figure: any non-negative number
FRAC = {'range': [0, 1]}
TEN_FRACS = {'len': 10, 'all_range': [0, 1]}

# ---------------------------------------------------------------- dataset
DATASET_KEYS = ['class_names', 'classes', 'counts', 'height', 'images', 'load_seconds', 'name', 'splits', 'width']
case('dataset info', ['dataset', 'info', '--json'], keys=DATASET_KEYS, values={
    'name': {'equals': 'MNIST'}, 'images': {'equals': 400}, 'classes': {'equals': 10},
    'width': {'equals': 28}, 'height': {'equals': 28}, 'counts': {'equals': [40] * 10},
    'class_names': {'equals': [str(i) for i in range(10)]}, 'load_seconds': POS,
    'splits': {'equals': {'train': {'images': 400, 'counts': [40] * 10}, 'test': {'images': 200, 'counts': [20] * 10}}}})
case('dataset info validation', ['dataset', 'info', 'mnist', '--validation', '50', '--json'], keys=DATASET_KEYS, values={
    'images': {'equals': 350}, 'splits.validation': {'equals': {'images': 50, 'counts': [5] * 10}},
    'splits.train.images': {'equals': 350}, 'splits.test.images': {'equals': 200}})
case('dataset info idx file', ['dataset', 'info', D + '/mnist/t10k-images-idx3-ubyte', '--json'], keys=DATASET_KEYS,
     values={'name': {'equals': 'mnist'}, 'images': {'equals': 200},
             'splits': {'equals': {'test': {'images': 200, 'counts': [20] * 10}}}})
case('dataset info image folder', ['dataset', 'info', D + '/folder', '--json'], keys=DATASET_KEYS, values={
    'name': {'equals': 'folder'}, 'class_names': {'equals': ['a', 'b']}, 'counts': {'equals': [3, 3]},
    'width': {'equals': 28}, 'height': {'equals': 28}})
case('dataset info image folder size', ['dataset', 'info', D + '/folder', '--size', '8', '--json'], keys=DATASET_KEYS,
     values={'width': {'equals': 8}, 'height': {'equals': 8}, 'images': {'equals': 6}})
case('dataset list', ['dataset', 'list', '--json'], keys=['data_dir', 'datasets'], values={
    'data_dir': {'equals': D}, 'datasets.0.id': {'equals': 'mnist'}, 'datasets.0.present': {'equals': True},
    'datasets.0.path': {'equals': D + '/mnist'}, 'datasets.1.id': {'equals': 'fashion-mnist'}})
case('dataset bad usage option', ['dataset', 'info', '--bogus'], exit=2,
     stderr="^latentset-cli dataset info: Unknown option 'bogus'")
case('dataset bad usage number', ['dataset', 'info', '--validation', 'x'], exit=2,
     stderr='^latentset-cli dataset info: --validation')
case('dataset bad usage action', ['dataset', 'frob'], exit=2, stderr="^latentset-cli dataset: expected 'info")
case('dataset bad input truncated', ['dataset', 'info', D + '/bad/truncated'], exit=1,
     stderr='^latentset-cli dataset info: .*train-images-idx3-ubyte: truncated, header claims 400 x 28 x 28 = 313600 '
            'data bytes but the file holds 1024')
case('dataset bad input csv', ['dataset', 'info', D + '/bad/badnumber.csv'], exit=1,
     stderr="^latentset-cli dataset info: .*badnumber.csv: line 3, column 9: 'abc' is not a number")
case('dataset bad input mixed sizes', ['dataset', 'info', D + '/bad/mixed'], exit=1,
     stderr='^latentset-cli dataset info: .*mixed/b/0.png: mixed image sizes, this one is 6x6')
case('dataset bad input missing', ['dataset', 'info', W + '/nothing-here'], exit=1,
     stderr='^latentset-cli dataset info: .*nothing-here: no such file or folder')

# ---------------------------------------------------------------- bench
case('bench', ['bench', '--seconds', '0.2', '--rounds', '1', '--threads', '2', '--batch', '16', '--json'], timeout=60,
     keys=['backend', 'class_set_batch', 'class_set_gemm_gflops', 'class_set_gflops', 'class_set_ratio',
           'class_set_samples_per_s', 'clock_ghz', 'cores', 'fma_per_cycle', 'fma_units', 'gemm_gflops', 'gflops',
           'peak_gflops', 'peak_gflops_threads', 'roofline_ratio', 'samples_per_s', 'threads', 'vector_lanes'],
     values={'backend': {'oneof': ['Eigen', 'Eigen+BLAS']}, 'threads': {'equals': 2}, 'class_set_batch': {'equals': 16},
             'gflops': {'range': [1e-3, 1e5]}, 'gemm_gflops': {'range': [1e-3, 1e5]},
             'samples_per_s': {'range': [1e-3, 1e9]}, 'class_set_samples_per_s': {'range': [1e-3, 1e9]},
             'roofline_ratio': {'range': [1e-4, 10]}, 'class_set_ratio': {'range': [1e-4, 10]},
             'vector_lanes': {'oneof': [4, 8, 16]}, 'cores': {'range': [1, 4096]}, 'clock_ghz': {'range': [0.1, 10]},
             'peak_gflops': POS, 'peak_gflops_threads': POS, 'fma_units': POS, 'fma_per_cycle': POS})
case('bench no class-set line', ['bench', '--seconds', '0.1', '--rounds', '1', '--threads', '1', '--batch', '0', '--json'],
     timeout=60, keys=['backend', 'clock_ghz', 'cores', 'fma_per_cycle', 'fma_units', 'gemm_gflops', 'gflops',
                       'peak_gflops', 'peak_gflops_threads', 'roofline_ratio', 'samples_per_s', 'threads',
                       'vector_lanes'], values={'threads': {'equals': 1}})
case('bench bad usage option', ['bench', '--bogus'], exit=2, stderr="^latentset-cli bench: Unknown option 'bogus'")
case('bench bad usage number', ['bench', '--threads', 'x'], exit=2, stderr='^latentset-cli bench: .*--threads')
# (bench reads no input: it has no bad-input case.)

# ---------------------------------------------------------------- mnist
MNIST_KEYS = ['ae_set_accuracy', 'ae_set_accuracy_calibrated', 'ae_set_accuracy_raw', 'ae_set_per_class_accuracy',
              'dataset', 'epochs', 'gemm_gflops', 'gflops', 'mlp_accuracy', 'mlp_epoch_losses',
              'mlp_per_class_accuracy', 'mlp_train_seconds', 'paper_mlp_accuracy', 'paper_set_accuracy', 'peak_rss_mb',
              'roofline_ratio', 'samples_per_s', 'set_epoch_losses', 'set_train_seconds', 'train_seconds']
SMALL_SET = ['--hidden', '64', '--latent', '4', '--lr', '0.005', '--threads', '2', '--calibration', '20']
MNIST_FIGURES = {'ae_set_accuracy': near(0.74, abs=0.06), 'ae_set_accuracy_raw': near(0.74, abs=0.06),
                 'mlp_accuracy': near(0.95, abs=0.04), 'ae_set_per_class_accuracy': TEN_FRACS,
                 'mlp_per_class_accuracy': TEN_FRACS, 'dataset': {'equals': 'MNIST'},
                 'paper_set_accuracy': {'equals': 0.986}, 'paper_mlp_accuracy': {'equals': 0.984},
                 'peak_rss_mb': {'range': [1, 4096]}, 'gemm_gflops': {'range': [1e-3, 1e5]}}
case('mnist train', ['mnist', '--epochs', '8'] + SMALL_SET + ['--save', W + '/mnist.lset', '--json'],
     setup='mnist_model', keys=MNIST_KEYS, values=dict(MNIST_FIGURES, **{
         'ae_set_accuracy_calibrated': near(0.925, abs=0.05), 'epochs': {'equals': 8},
         'set_epoch_losses': {'len': 8, 'falling': True, 'finite': True},
         'set_epoch_losses.0': near(543.67, rel=0.01), 'set_epoch_losses.-1': near(336.24, rel=0.03),
         'mlp_epoch_losses': {'len': 8, 'falling': True, 'finite': True}, 'mlp_epoch_losses.-1': {'range': [0, 0.3]},
         'samples_per_s': {'range': [1, 1e9]}, 'gflops': {'range': [1e-3, 1e5]}, 'roofline_ratio': {'range': [1e-4, 10]},
         'set_train_seconds': POS, 'mlp_train_seconds': POS, 'train_seconds': POS}),
     files={W + '/mnist.lset': {'min_bytes': 100000}})
case('mnist load', ['mnist', '--load', W + '/mnist.lset', '--json'], requires=['mnist_model'], keys=MNIST_KEYS,
     values=dict(MNIST_FIGURES, **{
         'ae_set_accuracy_calibrated': near(0.92, abs=0.05), 'epochs': {'equals': 0},
         'set_epoch_losses': {'equals': []}, 'mlp_epoch_losses': {'equals': []}, 'gflops': {'equals': 0},
         'samples_per_s': {'equals': 0}, 'roofline_ratio': {'equals': 0}}))
case('mnist load csv', ['mnist', '--load', W + '/mnist.lset', '--csv', W + '/classes.csv', '--json'],
     requires=['mnist_model'], keys=MNIST_KEYS + ['csv'], values={'csv': {'equals': W + '/classes.csv'}},
     files={W + '/classes.csv': {'csv_rows': 10, 'csv_header': 'class,name,test_images,accuracy,accuracy_raw,'
                                                            'accuracy_calibrated,mlp_accuracy,predicted_0,predicted_1'}})
case('mnist untied calibrated', ['mnist', '--epochs', '4', '--mlp-epochs', '0', '--untied', '--decision', 'calibrated',
                                 '--validation', '50', '--loss', 'mse', '--schedule', 'constant'] + SMALL_SET + ['--json'],
     keys=[k for k in MNIST_KEYS if k != 'mlp_per_class_accuracy'],
     values={'mlp_accuracy': {'equals': None}, 'epochs': {'equals': 4}, 'ae_set_accuracy': near(0.775, abs=0.06),
             'ae_set_accuracy_calibrated': near(0.775, abs=0.06), 'ae_set_accuracy_raw': near(0.68, abs=0.06),
                              'set_epoch_losses': {'len': 4, 'falling': True}, 'mlp_epoch_losses': {'equals': []}})
case('mnist bad usage option', ['mnist', '--bogus'], exit=2, stderr="^latentset-cli mnist: Unknown option 'bogus'")
case('mnist bad usage number', ['mnist', '--epochs', 'x'], exit=2,
     stderr="^latentset-cli mnist: --epochs wants a number in \\[0, 10000\\], got 'x'")
case('mnist bad usage choice', ['mnist', '--decision', 'vote'], exit=2,
     stderr="^latentset-cli mnist: --decision: expected 'raw' or 'calibrated', got 'vote'")
case('mnist bad input truncated dataset', ['mnist', '--dataset', D + '/bad/truncated', '--epochs', '1'], exit=1,
     stderr='^latentset-cli mnist: .*train-images-idx3-ubyte: truncated')
case('mnist bad input missing model', ['mnist', '--load', W + '/missing.lset'], exit=1,
     stderr='^latentset-cli mnist: .*missing.lset: cannot open for reading')
case('mnist bad input truncated model', ['mnist', '--load', W + '/mnist-truncated.lset'], requires=['mnist_model'],
     truncate=[[W + '/mnist.lset', W + '/mnist-truncated.lset', 5000]], exit=1,
     stderr="^latentset-cli mnist: .*mnist-truncated.lset: chunk 'AESE': truncated")

# ---------------------------------------------------------------- likelihood
LK_KEYS = ['accuracy_calibrated', 'accuracy_calibrated_crossfit', 'accuracy_recon', 'accuracy_recon_pz',
           'accuracy_recon_pz_volume', 'accuracy_recon_sigma', 'auroc_fashion', 'auroc_fashion_recon', 'auroc_noise',
           'auroc_noise_recon', 'auroc_rotated', 'auroc_rotated_recon', 'images_per_second', 'ms_per_input',
           'ms_per_input_wall', 'ms_single_input', 'ms_single_input_wall', 'normal_flagged', 'singular_fraction',
           'test_images', 'threads']
LK_AUTO_KEYS = LK_KEYS + ['auto_path_alone', 'auto_path_batch', 'auto_vs_best_alone', 'auto_vs_best_batch', 'build_isa',
                          'calibration_from_cache', 'calibration_ms_dense_alone', 'calibration_ms_dense_batch',
                          'calibration_ms_sparse_alone', 'calibration_ms_sparse_batch', 'ms_per_input_dense',
                          'ms_per_input_sparse', 'ms_single_input_dense', 'ms_single_input_sparse',
                          'path_max_relative_difference']
LK_ARGS = FASHION + ['--validation', '50', '--components', '2', '--speed-samples', '16', '--threads', '2']
LK_FIGURES = {'accuracy_recon': near(0.74, abs=0.06), 'accuracy_recon_sigma': near(0.74, abs=0.06),
              'accuracy_recon_pz': near(0.775, abs=0.06), 'accuracy_recon_pz_volume': near(0.77, abs=0.06),
              'accuracy_calibrated': near(0.91, abs=0.06), 'accuracy_calibrated_crossfit': near(0.925, abs=0.06),
              'auroc_fashion': near(0.98, abs=0.03), 'auroc_fashion_recon': near(0.978, abs=0.03),
              'auroc_noise': near(0.22, abs=0.12), 'auroc_noise_recon': near(0.13, abs=0.12),
              'auroc_rotated': near(0.517, abs=0.08), 'auroc_rotated_recon': near(0.519, abs=0.08),
              'normal_flagged': near(0.025, abs=0.03), 'singular_fraction': {'range': [0, 0.01]},
              'test_images': {'equals': 200}, 'threads': {'equals': 2}, 'images_per_second': {'range': [1, 1e9]},
              'ms_per_input': POS, 'ms_per_input_wall': POS, 'ms_single_input': POS, 'ms_single_input_wall': POS}
case('likelihood fit and save', ['likelihood', '--model', W + '/mnist-lk.lset', '--save'] + LK_ARGS + ['--json'],
     requires=['mnist_model'], setup='likelihood_model', copy=[[W + '/mnist.lset', W + '/mnist-lk.lset']],
     keys=LK_AUTO_KEYS + ['validation_test_error_ratio'], values=dict(LK_FIGURES, **{
         'validation_test_error_ratio': near(1.0, abs=0.1),
         'auto_path_alone': {'oneof': ['sparse', 'dense']}, 'auto_path_batch': {'oneof': ['sparse', 'dense']},
         'calibration_from_cache': {'equals': False}, 'path_max_relative_difference': {'range': [0, 1e-4]},
         'auto_vs_best_alone': {'range': [0.01, 100]}, 'auto_vs_best_batch': {'range': [0.01, 100]}}),
     stdout=['^likelihood chunks saved into .*mnist-lk.lset'])
case('likelihood saved dense csv', ['likelihood', '--model', W + '/mnist-lk.lset', '--path', 'dense', '--scores-csv',
                                    W + '/scores.csv'] + LK_ARGS + ['--json'],
     requires=['likelihood_model'], keys=LK_KEYS, values=LK_FIGURES,
     files={W + '/scores.csv': {'csv_rows': 700, 'csv_header': 'set,index,label,pred_recon,pred_eq4,pred_calibrated,'
                                                              'anomaly_eq4,anomaly_recon,min_squared_error,loglik_0'}})
case('likelihood limit member sigma', ['likelihood', '--model', W + '/mnist-lk.lset', '--refit', '--path', 'sparse',
                                       '--limit', '50', '--sigma-scope', 'member', '--diagonal'] + LK_ARGS + ['--json'],
     requires=['likelihood_model'], keys=LK_KEYS + ['ms_per_input_dense', 'ms_single_input_dense',
                                                   'path_max_relative_difference', 'validation_test_error_ratio'],
     values={'test_images': {'equals': 50}, 'accuracy_recon': near(0.76, abs=0.06),
             'accuracy_recon_sigma': near(0.82, abs=0.06), 'accuracy_calibrated': near(0.76, abs=0.08),
             'auroc_fashion': near(0.983, abs=0.03), 'path_max_relative_difference': {'range': [0, 1e-4]}})
case('likelihood bad usage option', ['likelihood', '--bogus'], exit=2,
     stderr="^latentset-cli likelihood: Unknown option 'bogus'")
case('likelihood bad usage number', ['likelihood', '--model', W + '/x.lset', '--limit', 'x'], exit=2,
     stderr="^latentset-cli likelihood: --limit: expected a number >= 0, got 'x'")
case('likelihood bad usage no model', ['likelihood'], exit=2,
     stderr='^latentset-cli likelihood: --model FILE is required')
case('likelihood bad input missing model', ['likelihood', '--model', W + '/missing.lset'] + LK_ARGS, exit=1,
     stderr='^latentset-cli likelihood: .*missing.lset: cannot open for reading')
case('likelihood bad input truncated model', ['likelihood', '--model', W + '/lk-truncated.lset'] + LK_ARGS,
     requires=['mnist_model'], truncate=[[W + '/mnist.lset', W + '/lk-truncated.lset', 5000]], exit=1,
     stderr="^latentset-cli likelihood: .*lk-truncated.lset: chunk 'AESE': truncated")

# ---------------------------------------------------------------- export, import, reconstruct (docs/interop.md)
EXPORT_KEYS = ['arrays', 'bytes', 'calibration', 'likelihood', 'members', 'out']
IMPORT_KEYS = ['calibration', 'likelihood', 'member', 'members', 'out']
case('export', ['export', '--model', W + '/mnist.lset', '--format', 'npz', '--out', W + '/mnist.npz', '--json'],
     requires=['mnist_model'], setup='npz_model', keys=EXPORT_KEYS,
     values={'members': {'equals': 10}, 'arrays': {'equals': 18}, 'likelihood': {'equals': False},
             'calibration': {'equals': True}, 'out': {'equals': W + '/mnist.npz'}, 'bytes': {'range': [2000000, 2100000]}},
     files={W + '/mnist.npz': {'min_bytes': 2000000}})
case('export with likelihood', ['export', '--model', W + '/mnist-lk.lset', '--out', W + '/mnist-lk.npz', '--json'],
     requires=['likelihood_model'], setup='npz_lk_model', keys=EXPORT_KEYS,
     values={'members': {'equals': 10}, 'likelihood': {'equals': True}, 'arrays': {'range': [30, 60]}})
case('import', ['import', W + '/mnist.npz', '--out', W + '/imported.lset', '--json'], requires=['npz_model'],
     setup='imported_model', keys=IMPORT_KEYS,
     values={'members': {'equals': 10}, 'member': {'equals': '784-64relu-4linear-64relu-784sigmoid, tied, bce'},
             'calibration': {'equals': True}, 'likelihood': {'equals': False},
             'out': {'equals': W + '/imported.lset'}}, files={W + '/imported.lset': {'min_bytes': 2000000}})
case('import with likelihood arrays', ['import', W + '/mnist-lk.npz', '--out', W + '/imported-lk.lset', '--json'],
     requires=['npz_lk_model'], setup='imported_lk_model', keys=IMPORT_KEYS, values={'likelihood': {'equals': True}},
     stdout=["with sigma, p\\(z\\) and eq. 5 -> "])
case('likelihood imported with its likelihood', ['likelihood', '--model', W + '/imported-lk.lset', '--path', 'dense']
     + LK_ARGS + ['--json'], requires=['imported_lk_model'], keys=LK_KEYS, values=LK_FIGURES)
case('mnist load imported', ['mnist', '--load', W + '/imported.lset', '--json'], requires=['imported_model'],
     keys=[k for k in MNIST_KEYS if k != 'mlp_per_class_accuracy'],
     values={'ae_set_accuracy_raw': MNIST_FIGURES['ae_set_accuracy_raw'], 'ae_set_accuracy_calibrated': near(0.92, abs=0.05),
             'mlp_accuracy': {'equals': None}, 'epochs': {'equals': 0}})
case('likelihood imported', ['likelihood', '--model', W + '/imported.lset', '--path', 'dense'] + LK_ARGS + ['--json'],
     requires=['imported_model'], keys=LK_KEYS + ['validation_test_error_ratio'],
     values=dict(LK_FIGURES, validation_test_error_ratio=near(1.0, abs=0.1)))
case('reconstruct', ['reconstruct', '--model', W + '/imported.lset', '--dataset', D + '/mnist', '--limit', '200',
                     '--out', W + '/recon.npz', '--csv', W + '/recon.csv', '--json'], requires=['imported_model'],
     keys=['accuracy', 'csv', 'images', 'mean_error', 'members', 'out'],
     values={'images': {'equals': 200}, 'members': {'equals': 10}, 'accuracy': MNIST_FIGURES['ae_set_accuracy_raw'],
             'mean_error': {'range': [1, 1000]}},
     files={W + '/recon.csv': {'csv_rows': 200, 'csv_header': 'index,label,decision,error_0,error_1'},
            W + '/recon.npz': {'min_bytes': 6000000}})
case('export bad usage no out', ['export', '--model', W + '/mnist.lset'], exit=2,
     stderr='^latentset-cli export: --out FILE is required')
case('export bad usage format', ['export', '--format', 'onnx'], exit=2,
     stderr="^latentset-cli export: --format: expected 'npz', got 'onnx'")
case('export bad input truncated model', ['export', '--model', W + '/export-truncated.lset', '--out', W + '/x.npz'],
     requires=['mnist_model'], truncate=[[W + '/mnist.lset', W + '/export-truncated.lset', 5000]], exit=1,
     stderr="^latentset-cli export: .*export-truncated.lset: chunk 'AESE': truncated")
case('import bad usage no file', ['import', '--out', W + '/x.lset'], exit=2,
     stderr='^latentset-cli import: expected one IN.npz')
case('import bad usage option', ['import', '--bogus'], exit=2, stderr="^latentset-cli import: Unknown option 'bogus'")
case('import bad input missing', ['import', W + '/missing.npz', '--out', W + '/x.lset'], exit=1,
     stderr='^latentset-cli import: .*missing.npz: no such file')
case('import bad input not an npz', ['import', W + '/mnist.lset', '--out', W + '/x.lset'], requires=['mnist_model'],
     exit=1, stderr='^latentset-cli import: .*mnist.lset: not an NPZ file')
case('import bad input truncated', ['import', W + '/npz-truncated.npz', '--out', W + '/x.lset'], requires=['npz_model'],
     truncate=[[W + '/mnist.npz', W + '/npz-truncated.npz', 5000]], exit=1,
     stderr='^latentset-cli import: .*npz-truncated.npz: not an NPZ file')
case('reconstruct bad usage no model', ['reconstruct'], exit=2,
     stderr='^latentset-cli reconstruct: --model FILE is required')
case('reconstruct bad usage split', ['reconstruct', '--split', 'validation'], exit=2,
     stderr="^latentset-cli reconstruct: --split: expected 'test' or 'train', got 'validation'")
case('reconstruct image folder', ['reconstruct', '--model', W + '/imported.lset', '--dataset', D + '/folder', '--json'],
     requires=['imported_model'], keys=['accuracy', 'images', 'mean_error', 'members'],
     values={'images': {'equals': 6}, 'members': {'equals': 10}})
case('reconstruct bad input pixels', ['reconstruct', '--model', W + '/imported.lset', '--dataset', D + '/folder',
                                      '--size', '8'], requires=['imported_model'], exit=1,
     stderr='^latentset-cli reconstruct: .*imported.lset: the set takes 784 pixels, the images have 64')

# ---------------------------------------------------------------- units (docs/units-and-compare.md)
UNITS_KEYS = ['code', 'direction_order', 'direction_response', 'filters', 'glyph', 'inputs', 'kind', 'latent', 'member',
              'member_name', 'picture_height', 'picture_width', 'reconstruction_offset0_error', 'seconds', 'sort',
              'step', 'steps', 'tied', 'unit_norms', 'unit_order', 'units']
case('units', ['units', '--model', W + '/mnist.lset', '--member', '3', '--png', W + '/units.png', '--csv',
               W + '/units.csv', '--json'], requires=['mnist_model'], keys=UNITS_KEYS + ['csv', 'png'],
     values={'kind': {'equals': 'class set'}, 'member': {'equals': 3}, 'member_name': {'equals': '3'},
             'glyph': {'equals': '3'}, 'units': {'equals': 64}, 'inputs': {'equals': 784}, 'latent': {'equals': 4},
             'tied': {'equals': True}, 'filters': {'equals': 'encoder rows'}, 'sort': {'equals': 'norm'},
             'step': {'equals': 6}, 'steps': {'equals': 5}, 'unit_order': {'len': 16, 'all_range': [0, 63]},
             'unit_norms': {'len': 16, 'all_range': [0, 1e3]}, 'direction_order': {'len': 4, 'all_range': [0, 3]},
             'direction_response': {'len': 4, 'all_range': [0, 1e3]}, 'code': {'len': 4, 'finite': True},
             'reconstruction_offset0_error': {'range': [0, 1e-4]}, 'seconds': POS},
     files={W + '/units.png': {'png': [16 * 57 + 1 + 12 + 5 * 57 + 1, 4 * 57 + 1]},
            W + '/units.csv': {'csv_rows': 64 + 4 * 5, 'csv_header': 'kind,index,rank,offset,norm,activation,p0,p1,'}})
case('units by activation, change', ['units', '--model', W + '/mnist.lset', '--glyph', 'V', '--sort', 'activation',
                                     '--steps', '3', '--step', '2', '--change', '--decoder', '--shared-scale', '--json'],
     requires=['mnist_model'], keys=UNITS_KEYS,
     values={'glyph': {'equals': 'V'}, 'member': {'equals': 0}, 'sort': {'equals': 'activation'},
             'steps': {'equals': 3}, 'step': {'equals': 2}, 'filters': {'equals': 'encoder rows'},
             'reconstruction_offset0_error': {'range': [0, 1e-4]}})
case('units cube world', ['units', '--model', W + '/cube.lset', '--member', '10', '--glyph', 'plus', '--zoom', '1',
                          '--columns', '8', '--png', W + '/units-cube.png', '--json'], requires=['cube_model'],
     keys=UNITS_KEYS + ['png'],
     values={'kind': {'equals': 'cube world'}, 'member': {'equals': 10}, 'units': {'equals': 16},
             'latent': {'equals': 4}, 'inputs': {'range': [100, 4096]}, 'reconstruction_offset0_error': {'range': [0, 1e-4]}},
     files={W + '/units-cube.png': {'png': [8 * 65 + 1 + 12 + 5 * 65 + 1, 4 * 65 + 1]}})
case('units bad usage no model', ['units'], exit=2, stderr='^latentset-cli units: --model FILE is required')
case('units bad usage even steps', ['units', '--steps', '4'], exit=2,
     stderr='^latentset-cli units: --steps: expected an odd number, got 4')
case('units bad usage sort', ['units', '--sort', 'size'], exit=2, stderr='^latentset-cli units: --sort: expected')
case('units bad input member', ['units', '--model', W + '/mnist.lset', '--member', '12'], requires=['mnist_model'],
     exit=1, stderr="^latentset-cli units: .*mnist.lset: member 12 is not one of the set's 10")
case('units bad input truncated model', ['units', '--model', W + '/units-truncated.lset'], requires=['mnist_model'],
     truncate=[[W + '/mnist.lset', W + '/units-truncated.lset', 5000]], exit=1,
     stderr="^latentset-cli units: .*units-truncated.lset: chunk 'AESE': truncated")

# ---------------------------------------------------------------- cube
CUBE_TRAIN_KEYS = ['contexts', 'csv', 'history', 'memory_per_context_mb', 'model', 'ms_per_round', 'peak_rss_mb',
                   'rounds', 'samples_per_second', 'self_error', 'threads', 'train_seconds', 'transfer_error',
                   'transfer_ratio', 'worst_pair', 'worst_pair_ratio']
case('cube render', ['cube', 'render', '--theta', '30', '--digit-index', '3', '--png', W + '/cube.png', '--json'],
     keys=['face_contexts', 'png', 'size', 'theta'],
     values={'face_contexts': {'equals': [23, 4, 56]}, 'size': {'equals': 64}, 'theta': {'equals': 30},
             'png': {'equals': W + '/cube.png'}}, files={W + '/cube.png': {'png': [260, 260]}})
MASK_KEYS = ['contexts', 'largest_mask', 'mean_mask', 'png', 'size', 'smallest_mask']
MASKS = {'contexts': {'equals': 100}, 'largest_mask': {'equals': 1436}, 'smallest_mask': {'equals': 85},
         'mean_mask': near(696.4, abs=0.05), 'size': {'equals': 64}}
case('cube render contexts', ['cube', 'render', '--contexts', '--glyph', 'V', '--png', W + '/contexts.png', '--json'],
     keys=MASK_KEYS, values=MASKS, files={W + '/contexts.png': {'png': [2582, 2582]}})
case('cube render masks', ['cube', 'render', '--masks', '--png', W + '/masks.png', '--json'], keys=MASK_KEYS,
     values=MASKS, files={W + '/masks.png': {'png': [2582, 2582]}})
case('cube render strip', ['cube', 'render', '--strip', '4', '--glyph', 'plus', '--png', W + '/strip.png', '--json'],
     keys=['face_contexts', 'png', 'size', 'theta'], values={'face_contexts': {'equals': []}},
     files={W + '/strip.png': {'png': [1034, 260]}})
case('cube train', ['cube', 'train', '--steps', '60', '--hidden', '16', '--latent', '4', '--batch', '8', '--threads', '2',
                    '--eval-digits', '5', '--progress-seconds', '0.1', '--csv', W + '/cube-errors.csv',
                    '--save', W + '/cube.lset', '--json'], setup='cube_model', timeout=90, keys=CUBE_TRAIN_KEYS,
     values={'contexts': {'equals': 100}, 'rounds': {'equals': 60}, 'threads': {'equals': 2},
             'self_error': near(0.02237, rel=0.1), 'transfer_error': near(0.03083, rel=0.1),
             'transfer_ratio': near(1.379, rel=0.1), 'worst_pair_ratio': {'range': [1, 1000]},
             'worst_pair': {'len': 2, 'all_range': [0, 99]}, 'history': {'min_len': 1},  # progress lines come by time: 1-5 here
             'history.0.0': {'range': [1, 60]}, 'history.-1.2': {'range': [0.3, 0.7]},
             'history.0.2': {'range': [0.4, 0.75]}, 'train_seconds': POS, 'ms_per_round': POS,
             'samples_per_second': {'range': [1, 1e9]}, 'peak_rss_mb': {'range': [1, 8192]},
             'memory_per_context_mb': near(0.372, rel=0.2), 'model': {'equals': W + '/cube.lset'},
             'csv': {'equals': W + '/cube-errors.csv'}},
     files={W + '/cube.lset': {'min_bytes': 1000000}, W + '/cube-errors.csv': {'csv_rows': 100,
                                                                               'csv_header': 'source\\target,0,1,2'}})
case('cube transfer', ['cube', 'transfer', '--model', W + '/cube.lset', '--digit-index', '2', '--png', W + '/transfer.png',
                       '--json'], requires=['cube_model'],
     keys=['contexts', 'mean_error', 'png', 'source', 'source_error', 'worst_error'],
     values={'contexts': {'equals': 100}, 'source': {'equals': 10}, 'source_error': near(0.0241, rel=0.15),
             'mean_error': near(0.0378, rel=0.15), 'worst_error': near(0.1127, rel=0.3)},
     files={W + '/transfer.png': {'png': [1302, 1302]}})
case('cube transfer csv', ['cube', 'transfer', '--model', W + '/cube.lset', '--digit-index', '2', '--csv',
                           W + '/transfer.csv', '--json'], requires=['cube_model'],
     keys=['contexts', 'csv', 'mean_error', 'source', 'source_error', 'worst_error'],
     values={'csv': {'equals': W + '/transfer.csv'}, 'source_error': near(0.0241, rel=0.15)},
     files={W + '/transfer.csv': {'csv_rows': 100, 'csv_header': 'context,name,error'}})
case('cube bench', ['cube', 'bench', '--hidden', '16', '--batch', '8', '--seconds', '0.3', '--json'],
     keys=['full_frame_inputs', 'full_frame_ms', 'full_frame_ratio', 'mask_only_inputs', 'mask_only_ms',
           'padded_mask_inputs', 'padded_mask_ms', 'padded_ratio'],
     values={'full_frame_inputs': {'equals': 4096}, 'mask_only_inputs': {'equals': 696},
             'padded_mask_inputs': {'equals': 1436}, 'padded_ratio': {'range': [0.5, 10]},
             'full_frame_ratio': {'range': [1, 50]}, 'mask_only_ms': POS, 'padded_mask_ms': POS, 'full_frame_ms': POS})
for action, number, extra in (('render', 'zoom', {}), ('train', 'steps', {}),
                              ('transfer', 'source', {'model': W + '/cube.lset'}), ('bench', 'batch', {})):
    case('cube %s bad usage option' % action, ['cube', action, '--bogus'], exit=2,
         stderr="^latentset-cli cube %s: Unknown option 'bogus'" % action)
    case('cube %s bad usage number' % action,
         ['cube', action, '--' + number, 'x'] + [w for k, v in extra.items() for w in ('--' + k, v)], exit=2,
         stderr="^latentset-cli cube %s: --%s wants a number in .*, got 'x'" % (action, number),
         **({'requires': ['cube_model']} if extra else {}))
case('cube bad usage action', ['cube', 'frob'], exit=2, stderr="^latentset-cli cube: unknown action 'frob'")
case('cube bad usage no action', ['cube'], exit=2, stderr='^latentset-cli cube: .*render')
case('cube render bad input glyph', ['cube', 'render', '--glyph', W + '/missing.png'], exit=1,
     stderr='^latentset-cli cube render: .*missing.png: neither a built-in glyph')
case('cube render bad input no data', ['cube', 'render'], env={'LATENTSET_DATA_DIR': D + '/empty'}, exit=1,
     stderr='^latentset-cli cube render: MNIST is not installed')
case('cube train bad input no data', ['cube', 'train', '--steps', '1'], env={'LATENTSET_DATA_DIR': D + '/empty'}, exit=1,
     stderr='^latentset-cli cube train: MNIST is not installed')
case('cube transfer bad input missing model', ['cube', 'transfer', '--model', W + '/missing.lset'], exit=1,
     stderr='^latentset-cli cube transfer: .*missing.lset: no such model file')
case('cube transfer bad input truncated model', ['cube', 'transfer', '--model', W + '/cube-truncated.lset'],
     requires=['cube_model'], truncate=[[W + '/cube.lset', W + '/cube-truncated.lset', 100000]], exit=1,
     stderr="^latentset-cli cube transfer: .*cube-truncated.lset: chunk 'AESE': truncated")

# ---------------------------------------------------------------- oneshot
case('oneshot', ['oneshot', '--model', W + '/cube.lset', '--csv', W + '/oneshot.csv', '--pairs', '2', '--json'],
     requires=['cube_model'], keys=['contexts', 'other_glyph_distance', 'pairs_mean_score', 'pairs_min_score',
                                    'pairs_perfect', 'pairs_scores', 'same_glyph_distance', 'same_glyph_distance_99',
                                    'score'],
     values={'contexts': {'equals': 100}, 'score': {'range': [0, 15]}, 'other_glyph_distance': near(1.97, rel=0.3),
             'same_glyph_distance': near(12.17, rel=0.2), 'same_glyph_distance_99': near(12.52, rel=0.2),
             'pairs_scores': {'len': 2, 'all_range': [0, 100]}, 'pairs_perfect': {'equals': 0}},
     files={W + '/oneshot.csv': {'csv_rows': 100, 'csv_header': 'context,name,distance_a,distance_b,correct_a,correct_b,'
                                                                'same_glyph_distance'}})
case('oneshot bad usage option', ['oneshot', '--bogus'], exit=2, stderr="^latentset-cli oneshot: Unknown option 'bogus'")
case('oneshot bad usage number', ['oneshot', '--model', W + '/x.lset', '--source', 'x'], exit=2,
     stderr='^latentset-cli oneshot: --source')
case('oneshot bad usage no model', ['oneshot'], exit=2, stderr='^latentset-cli oneshot: --model FILE is required')
case('oneshot bad input truncated model', ['oneshot', '--model', W + '/oneshot-truncated.lset'], requires=['cube_model'],
     truncate=[[W + '/cube.lset', W + '/oneshot-truncated.lset', 100000]], exit=1,
     stderr="^latentset-cli oneshot: .*oneshot-truncated.lset: chunk 'AESE': truncated")
case('oneshot bad input not a cube model', ['oneshot', '--model', W + '/mnist.lset'], requires=['mnist_model'], exit=1,
     stderr='^latentset-cli oneshot: .*mnist.lset: not a cube-world model')

# ---------------------------------------------------------------- maps
MAPS_KEYS = ['centred', 'pairs', 'per_theta', 'same_theta_correlation', 'same_theta_distribution', 'smoothing_deg',
             'split', 'theta_45_correlation', 'theta_45_distribution', 'value']
case('maps', ['maps', '--model', W + '/cube.lset', '--samples', '2', '--png', W + '/maps.png', '--csv', W + '/maps.csv',
              '--json'], requires=['cube_model'], keys=MAPS_KEYS,
     values={'pairs': {'equals': 2}, 'per_theta': {'equals': []}, 'centred': {'equals': True},
             'smoothing_deg': {'equals': 4.6}, 'split': {'equals': 'test'}, 'value': {'equals': 'robust-sigma'},
             'same_theta_correlation': near(0.94, abs=0.06), 'theta_45_correlation': near(0.13, abs=0.2),
             'same_theta_distribution.min': near(0.93, abs=0.07), 'theta_45_distribution.max': near(0.135, abs=0.2)},
     files={W + '/maps.png': {'png': [824, 144]}, W + '/maps.csv': {'csv_rows': 2, 'csv_header':
                                                                    'theta,digit_a,digit_b,example,r_same,r_turned'}})
case('maps sweep', ['maps', '--model', W + '/cube.lset', '--theta', 'all', '--step', '30', '--samples', '1',
                    '--value', 'mean-square', '--smooth', '0', '--centre', '0', '--json'], requires=['cube_model'],
     keys=MAPS_KEYS + ['same_theta_worst_angle'],
     values={'pairs': {'equals': 3}, 'per_theta': {'len': 3}, 'per_theta.1.theta': {'equals': 30},
             'value': {'equals': 'mean-square'}, 'smoothing_deg': {'equals': 0}, 'centred': {'equals': False},
             'same_theta_correlation': {'range': [-1, 1]}, 'same_theta_worst_angle': {'range': [-1, 1]}})
case('maps bad usage option', ['maps', '--bogus'], exit=2, stderr="^latentset-cli maps: Unknown option 'bogus'")
case('maps bad usage number', ['maps', '--model', W + '/x.lset', '--samples', 'x'], exit=2,
     stderr='^latentset-cli maps: --samples')
case('maps bad input truncated model', ['maps', '--model', W + '/maps-truncated.lset'], requires=['cube_model'],
     truncate=[[W + '/cube.lset', W + '/maps-truncated.lset', 100000]], exit=1,
     stderr="^latentset-cli maps: .*maps-truncated.lset: chunk 'AESE': truncated")

# ---------------------------------------------------------------- concept
CONCEPT_KEYS = ['cubes', 'held_out', 'smoothing_deg', 'spearman', 'spearman_train', 'value']
case('concept train', ['concept', 'train', '--model', W + '/cube.lset', '--cubes', '80', '--held-out', '20', '--hidden',
                       '16', '--epochs', '150', '--restarts', '2', '--save', W + '/concept.lset', '--json'],
     requires=['cube_model'], setup='concept_model', keys=CONCEPT_KEYS,
     values={'cubes': {'equals': 80}, 'held_out': {'equals': 20}, 'smoothing_deg': {'equals': 4.6},
             'value': {'equals': 'robust-sigma'}, 'spearman': {'range': [-1, 1]}, 'spearman_train': {'range': [-1, 1]}},
     files={W + '/concept.lset': {'min_bytes': 1000000}})
case('concept train mean-square', ['concept', 'train', '--model', W + '/cube.lset', '--cubes', '40', '--held-out', '10',
                                   '--hidden', '8,4', '--epochs', '20', '--restarts', '1', '--value', 'mean-square',
                                   '--smooth', '0', '--json'], requires=['cube_model'], keys=CONCEPT_KEYS,
     values={'cubes': {'equals': 40}, 'held_out': {'equals': 10}, 'smoothing_deg': {'equals': 0},
             'value': {'equals': 'mean-square'}})
case('concept imagine', ['concept', 'imagine', '--model', W + '/concept.lset', '--glyph', 'V', '--steps', '4', '--png',
                         W + '/imagine.png', '--json'], requires=['concept_model'],
     keys=['masked_errors', 'mean_masked_error', 'ms_per_frame'],
     values={'masked_errors': {'len': 4, 'all_range': [0, 0.2]}, 'mean_masked_error': {'range': [0, 0.2]},
             'ms_per_frame': {'range': [0, 1000]}}, files={W + '/imagine.png': {'png': [532, 400]}})
for action, number in (('train', 'epochs'), ('imagine', 'steps')):
    case('concept %s bad usage option' % action, ['concept', action, '--bogus'], exit=2,
         stderr="^latentset-cli concept %s: Unknown option 'bogus'" % action)
    case('concept %s bad usage number' % action, ['concept', action, '--model', W + '/x.lset', '--' + number, 'x'],
         exit=2, stderr='^latentset-cli concept %s: --%s' % (action, number))
case('concept imagine csv', ['concept', 'imagine', '--model', W + '/concept.lset', '--glyph', 'V', '--steps', '4',
                             '--csv', W + '/imagine.csv', '--json'], requires=['concept_model'],
     keys=['csv', 'masked_errors', 'mean_masked_error', 'ms_per_frame'], values={'csv': {'equals': W + '/imagine.csv'}},
     files={W + '/imagine.csv': {'csv_rows': 4, 'csv_header': 'step,u,theta,contexts,masked_error,true_context_error'}})
case('concept bad usage action', ['concept', 'frob'], exit=2, stderr='^latentset-cli concept: unknown sub-command')
case('concept train bad input truncated model', ['concept', 'train', '--model', W + '/concept-truncated.lset'],
     requires=['cube_model'], truncate=[[W + '/cube.lset', W + '/concept-truncated.lset', 100000]], exit=1,
     stderr="^latentset-cli concept train: .*concept-truncated.lset: chunk 'AESE': truncated")
case('concept imagine bad input no concept', ['concept', 'imagine', '--model', W + '/cube.lset'],
     requires=['cube_model'], exit=1, stderr='^latentset-cli concept imagine: .*cube.lset: no level-2 concept')

case('concept bad usage no action', ['concept'], exit=2, stderr='^latentset-cli concept: expected a sub-command')

# ---------------------------------------------------------------- files written before the experiments moved into core
# tests/data/legacy (README.md there): made by commit 9701faf's latentset-cli on this generated data;
# reopen-*.json is what that CLI printed when it re-opened them. Today's code must open them and
# print the same figures (timings aside).
import os
LEGACY_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data', 'legacy')
L = '{legacy}'


def old(name):
    with open(os.path.join(LEGACY_DIR, name + '.json')) as f:
        return json.load(f)


def same(printed, keys, rel=1e-4, frac_abs=0.006):
    """Expectations: each of `keys` as the old CLI printed it (fractions of 200 test images within one
    image, other numbers within `rel`, arrays element by element)."""
    out = {}
    for k in keys:
        v = printed[k]
        if isinstance(v, list):
            for i, x in enumerate(v):
                out['%s.%d' % (k, i)] = near(x, abs=frac_abs) if k.endswith('accuracy') else near(x, rel=rel)
        elif isinstance(v, (bool, str)) or v is None:
            out[k] = {'equals': v}
        elif 'accuracy' in k or k.startswith('auroc') or k == 'normal_flagged':
            out[k] = near(v, abs=frac_abs)
        elif isinstance(v, int):
            out[k] = {'equals': v}
        else:
            out[k] = near(v, rel=rel)
    return out


o = old('reopen-mnist-load')
case('legacy mnist load', ['mnist', '--load', L + '/classset.lset', '--threads', '2', '--json'], keys=MNIST_KEYS,
     values=dict(same(o, ['ae_set_accuracy', 'ae_set_accuracy_raw', 'ae_set_accuracy_calibrated', 'mlp_accuracy',
                          'ae_set_per_class_accuracy', 'mlp_per_class_accuracy', 'dataset', 'epochs']),
                 set_epoch_losses={'equals': []}, mlp_epoch_losses={'equals': []}))
o = old('reopen-likelihood')
case('legacy likelihood saved chunks', ['likelihood', '--model', W + '/legacy-lk.lset', '--path', 'dense'] + LK_ARGS +
     ['--json'], copy=[[L + '/likelihood.lset', W + '/legacy-lk.lset']], keys=LK_KEYS,
     values=same(o, ['accuracy_recon', 'accuracy_recon_sigma', 'accuracy_recon_pz', 'accuracy_recon_pz_volume',
                     'accuracy_calibrated', 'accuracy_calibrated_crossfit', 'auroc_fashion', 'auroc_fashion_recon',
                     'auroc_noise', 'auroc_noise_recon', 'auroc_rotated', 'auroc_rotated_recon', 'normal_flagged',
                     'singular_fraction', 'test_images', 'threads']))
o = old('reopen-cube-transfer')
case('legacy cube transfer', ['cube', 'transfer', '--model', L + '/cube.lset', '--digit-index', '2', '--png',
                              W + '/legacy-transfer.png', '--json'],
     keys=['contexts', 'mean_error', 'png', 'source', 'source_error', 'worst_error'],
     values=same(o, ['contexts', 'source', 'source_error', 'mean_error', 'worst_error']),
     files={W + '/legacy-transfer.png': {'png': []}})
o = old('reopen-oneshot')
case('legacy oneshot', ['oneshot', '--model', L + '/cube.lset', '--json'],
     keys=['contexts', 'other_glyph_distance', 'same_glyph_distance', 'same_glyph_distance_99', 'score'],
     values=same(o, ['contexts', 'score', 'other_glyph_distance', 'same_glyph_distance', 'same_glyph_distance_99']))
o = old('reopen-maps')
case('legacy maps', ['maps', '--model', L + '/cube.lset', '--samples', '2', '--json'], keys=MAPS_KEYS,
     values=same(o, ['pairs', 'centred', 'smoothing_deg', 'split', 'value', 'same_theta_correlation',
                     'theta_45_correlation'], rel=1e-3))
o = old('reopen-concept-imagine')
case('legacy concept imagine', ['concept', 'imagine', '--model', L + '/concept.lset', '--glyph', 'V', '--steps', '4',
                                '--json'], keys=['masked_errors', 'mean_masked_error', 'ms_per_frame'],
     values=same(o, ['masked_errors', 'mean_masked_error']))
case('legacy concept train on the old cube', ['concept', 'train', '--model', L + '/cube.lset', '--cubes', '40',
                                              '--held-out', '10', '--hidden', '4', '--epochs', '30', '--restarts', '1',
                                              '--seed', '1', '--json'], keys=CONCEPT_KEYS,
     values=same(old('concept'), ['cubes', 'held_out', 'smoothing_deg', 'value', 'spearman', 'spearman_train'],
                 rel=1e-3))

# ---------------------------------------------------------------- world (docs/worlds.md)
WORLD_TRAIN_KEYS = ['contexts', 'model', 'ms_per_round', 'noise_variance', 'peak_rss_mb', 'rounds',
                    'samples_per_second', 'self_error', 'threads', 'train_seconds', 'transfer_error', 'transfer_ratio',
                    'world', 'worst_pair', 'worst_pair_ratio']
SMALL = ['--steps', '40', '--hidden', '16', '--latent', '4', '--batch', '8', '--threads', '2', '--eval-items', '5']
TIMING = {'train_seconds': POS, 'ms_per_round': POS, 'samples_per_second': {'range': [1, 1e9]},
          'peak_rss_mb': {'range': [1, 8192]}, 'threads': {'equals': 2}}
case('world train rotation', ['world', 'train', '--world', 'rotation', '--contexts', '6'] + SMALL
     + ['--save', W + '/world-rotation.lset', '--json'], setup='world_model', timeout=60, keys=WORLD_TRAIN_KEYS,
     values=dict(TIMING, world={'equals': 'rotation'}, contexts={'equals': 6}, rounds={'equals': 40},
                 self_error=near(0.07195, rel=0.1), transfer_error=near(0.09146, rel=0.1),
                 transfer_ratio=near(1.271, rel=0.1), noise_variance=near(0.07132, rel=0.1),
                 worst_pair={'len': 2, 'all_range': [0, 5]}, worst_pair_ratio={'range': [1, 1000]},
                 model={'equals': W + '/world-rotation.lset'}),
     files={W + '/world-rotation.lset': {'min_bytes': 100000}})
case('world train scale-position', ['world', 'train', '--world', 'scale-position', '--scales', '2', '--positions', '2',
                                    '--frame', '36'] + SMALL[:1] + ['20'] + SMALL[2:] + ['--json'], timeout=60,
     keys=[k for k in WORLD_TRAIN_KEYS if k != 'model'],
     values=dict(TIMING, world={'equals': 'scale-position'}, contexts={'equals': 8}, rounds={'equals': 20},
                 self_error=near(0.1245, rel=0.1), transfer_ratio=near(1.322, rel=0.1)))
case('world train cube', ['world', 'train', '--world', 'cube', '--contexts', '4'] + SMALL[:1] + ['10'] + SMALL[2:]
     + ['--json'], timeout=60, keys=[k for k in WORLD_TRAIN_KEYS if k != 'model'],
     values=dict(TIMING, world={'equals': 'cube'}, contexts={'equals': 4}, rounds={'equals': 10},
                 self_error=near(0.1237, rel=0.1)))
case('world train folder', ['world', 'train', '--world', D + '/paired'] + SMALL
     + ['--save', W + '/world-paired.lset', '--json'], setup='paired_model', timeout=60, keys=WORLD_TRAIN_KEYS,
     values=dict(TIMING, world={'equals': 'folder'}, contexts={'equals': 3}, rounds={'equals': 40},
                 self_error=near(0.1363, rel=0.1), transfer_ratio=near(1.157, rel=0.1),
                 model={'equals': W + '/world-paired.lset'}))
ESTIMATE_KEYS = ['axes', 'bin_width', 'identification_gallery', 'item_identification', 'items', 'mean_abs_error',
                 'nearest_context_accuracy', 'off_grid', 'seconds']
case('world estimate rotation', ['world', 'estimate', '--model', W + '/world-rotation.lset', '--items', '20', '--json'],
     requires=['world_model'], keys=sorted(ESTIMATE_KEYS + ['per_label_mean_abs_error']),
     values={'items': {'equals': 20}, 'off_grid': {'equals': True}, 'bin_width': near(60, abs=1e-9),
             'mean_abs_error': near(86.73, rel=0.15), 'axes': {'len': 1}, 'axes.0.name': {'equals': 'angle'},
             'nearest_context_accuracy': FRAC, 'seconds': POS, 'axes.0.beyond_quarter_turn': FRAC})
case('world estimate folder', ['world', 'estimate', '--model', W + '/world-paired.lset', '--items', '20', '--json'],
     requires=['paired_model'], keys=ESTIMATE_KEYS,
     values={'items': {'equals': 20}, 'off_grid': {'equals': False}, 'bin_width': near(2, abs=1e-9),
             'mean_abs_error': {'equals': 0}, 'axes.0.name': {'equals': 'shift'},
             'nearest_context_accuracy': {'equals': 1}, 'seconds': POS})
ONESHOT_KEYS = ['contexts', 'mean_score', 'min_score', 'other_glyph_distance', 'pairs', 'percent',
                'same_glyph_distance', 'score', 'weakest_pair']
case('world oneshot rotation', ['world', 'oneshot', '--model', W + '/world-rotation.lset', '--pairs', '3', '--json'],
     requires=['world_model'], keys=ONESHOT_KEYS,
     values={'contexts': {'equals': 6}, 'pairs': {'equals': 3}, 'score': {'range': [0, 6]},
             'mean_score': {'range': [0, 100]}, 'min_score': {'range': [0, 100]}, 'percent': {'range': [0, 100]}})
case('world oneshot folder', ['world', 'oneshot', '--model', W + '/world-paired.lset', '--pairs', '3', '--json'],
     requires=['paired_model'], keys=ONESHOT_KEYS,
     values={'contexts': {'equals': 3}, 'pairs': {'equals': 3}, 'mean_score': {'range': [0, 100]}})
case('world transfer rotation', ['world', 'transfer', '--model', W + '/world-rotation.lset', '--digit-index', '2',
                                 '--png', W + '/world-transfer.png', '--json'], requires=['world_model'],
     keys=['contexts', 'mean_error', 'png', 'source', 'source_error', 'worst_error'],
     values={'contexts': {'equals': 6}, 'source': {'equals': 0}, 'source_error': near(0.0821, rel=0.15),
             'mean_error': near(0.0946, rel=0.15)},
     files={W + '/world-transfer.png': {'png': [6 * 58 + 2, 60]}})
case('world transfer csv', ['world', 'transfer', '--model', W + '/world-rotation.lset', '--digit-index', '2',
                            '--csv', W + '/world-transfer.csv', '--json'], requires=['world_model'],
     keys=['contexts', 'csv', 'mean_error', 'source', 'source_error', 'worst_error'],
     values={'csv': {'equals': W + '/world-transfer.csv'}, 'source_error': near(0.0821, rel=0.15)},
     files={W + '/world-transfer.csv': {'csv_rows': 6, 'csv_header': 'context,name,angle,error'}})
case('world transfer folder', ['world', 'transfer', '--model', W + '/world-paired.lset', '--item', '1', '--source', '1',
                               '--json'], requires=['paired_model'],
     keys=['contexts', 'mean_error', 'source', 'source_error', 'worst_error'],
     values={'contexts': {'equals': 3}, 'source': {'equals': 1}, 'mean_error': {'range': [0, 1]}})
# units of a context world's member (docs/units-and-compare.md): pictures in the world's own frame
case('units rotation world', ['units', '--model', W + '/world-rotation.lset', '--member', '2', '--png',
                              W + '/units-world.png', '--csv', W + '/units-world.csv', '--json'],
     requires=['world_model'], keys=sorted(UNITS_KEYS + ['context', 'csv', 'png']),
     values={'kind': {'equals': 'rotation world'}, 'member': {'equals': 2}, 'member_name': {'equals': 'angle 120'},
             'context': {'equals': 'angle 120'}, 'units': {'equals': 16}, 'latent': {'equals': 4},
             'inputs': {'equals': 784}, 'picture_width': {'equals': 28}, 'picture_height': {'equals': 28},
             'tied': {'equals': True}, 'direction_order': {'len': 4, 'all_range': [0, 3]},
             'reconstruction_offset0_error': {'range': [0, 1e-4]}, 'seconds': POS},
     files={W + '/units-world.png': {'png': [16 * 57 + 1 + 12 + 5 * 57 + 1, 4 * 57 + 1]},
            W + '/units-world.csv': {'csv_rows': 16 + 4 * 5, 'csv_header': 'kind,index,rank,offset,norm,activation,p0,'}})
case('units rotation world glyph', ['units', '--model', W + '/world-rotation.lset', '--member', '5', '--glyph', 'V',
                                    '--sort', 'activation', '--json'], requires=['world_model'],
     keys=sorted(UNITS_KEYS + ['context']),
     values={'glyph': {'equals': 'V'}, 'member': {'equals': 5}, 'context': {'equals': 'angle 300'},
             'sort': {'equals': 'activation'}, 'reconstruction_offset0_error': {'range': [0, 1e-4]}})
case('units folder world', ['units', '--model', W + '/world-paired.lset', '--member', '1', '--item', '1', '--json'],
     requires=['paired_model'], keys=sorted(UNITS_KEYS + ['context']),
     values={'kind': {'equals': 'folder world'}, 'member': {'equals': 1}, 'units': {'equals': 16},
             'reconstruction_offset0_error': {'range': [0, 1e-4]}})
case('units bad input world member', ['units', '--model', W + '/world-rotation.lset', '--member', '6'],
     requires=['world_model'], exit=1,
     stderr="^latentset-cli units: .*world-rotation.lset: member 6 is not one of the world's 6 contexts")
case('units bad input folder world glyph', ['units', '--model', W + '/world-paired.lset', '--glyph', 'V'],
     requires=['paired_model'], exit=1,
     stderr='^latentset-cli units: a folder world shows its own items only: use --item, not --glyph')
CONCEPT_KEYS = ['axes', 'bin_width', 'chance_mean_abs_error', 'final_loss', 'held_out', 'held_out_loss',
                'likelihood_mean_abs_error', 'map_seconds', 'off_grid', 'samples', 'train_seconds', 'units',
                'units_mean_abs_error']
case('world concept rotation', ['world', 'concept', '--model', W + '/world-rotation.lset', '--samples', '200',
                                '--held-out', '40', '--epochs', '20', '--restarts', '1', '--png', W + '/concept.png',
                                '--csv', W + '/concept.csv', '--save', W + '/world-concept.lset', '--json'],
     requires=['world_model'], setup='world_concept', keys=sorted(CONCEPT_KEYS + ['csv', 'png', 'saved']),
     values={'units': {'equals': 2}, 'samples': {'equals': 200}, 'held_out': {'equals': 40},
             'off_grid': {'equals': True}, 'bin_width': near(60, abs=1e-9), 'axes': {'len': 1},
             'axes.0.name': {'equals': 'angle'}, 'axes.0.circular': {'equals': True},
             'units_mean_abs_error': {'range': [0, 180]}, 'chance_mean_abs_error': {'range': [0, 180]},
             'likelihood_mean_abs_error': near(86.73, rel=0.3), 'final_loss': POS, 'map_seconds': POS,
             'saved': {'equals': W + '/world-concept.lset'}},
     files={W + '/concept.png': {'png': [9 * 58 + 2, 2 * 58 + 2]},
            W + '/concept.csv': {'csv_rows': 40, 'csv_header': 'input,item,angle,angle_from_units,unit_0,unit_1'},
            W + '/world-concept.lset': {'min_bytes': 100000}})
case('world concept file reopens as a world', ['world', 'estimate', '--model', W + '/world-concept.lset', '--items',
                                               '20', '--json'], requires=['world_concept'],
     keys=sorted(ESTIMATE_KEYS + ['per_label_mean_abs_error']),
     values={'items': {'equals': 20}, 'mean_abs_error': near(86.73, rel=0.15)})
case('world concept folder', ['world', 'concept', '--model', W + '/world-paired.lset', '--samples', '60',
                              '--held-out', '20', '--epochs', '10', '--restarts', '1', '--json'],
     requires=['paired_model'], keys=CONCEPT_KEYS,
     values={'units': {'equals': 1}, 'off_grid': {'equals': False}, 'axes.0.name': {'equals': 'shift'},
             'bin_width': near(2, abs=1e-9)})
case('world concept bad usage save over model', ['world', 'concept', '--model', W + '/world-rotation.lset', '--save',
                                                 W + '/world-rotation.lset'], requires=['world_model'], exit=2,
     stderr='^latentset-cli world concept: --save names the --model file; give the concept a new file')
case('world concept bad usage units', ['world', 'concept', '--model', W + '/world-rotation.lset', '--units', '17'],
     requires=['world_model'], exit=2, stderr="^latentset-cli world concept: --units wants a number in .*, got '17'")
case('world concept bad usage hidden', ['world', 'concept', '--model', W + '/world-rotation.lset', '--hidden', '0'],
     requires=['world_model'], exit=2, stderr='^latentset-cli world concept: --hidden must be sizes like 64')
case('world concept bad input cube model', ['world', 'concept', '--model', W + '/cube.lset'], requires=['cube_model'],
     exit=1, stderr="^latentset-cli world concept: .*cube.lset: not a world model")
# Font glyphs need Qt's font database: these two runs check that the CLI makes its offscreen
# QGuiApplication without a display or XDG_RUNTIME_DIR and stays silent on stderr.
case('world train fonts', ['world', 'train', '--world', 'fonts', '--fonts', '2', '--characters', 'ABCDEFGHIJ']
     + SMALL[:1] + ['20'] + SMALL[2:] + ['--json'], timeout=60, keys=[k for k in WORLD_TRAIN_KEYS if k != 'model'],
     values=dict(TIMING, world={'equals': 'fonts'}, contexts={'equals': 2}, rounds={'equals': 20},
                 transfer_ratio={'range': [0.1, 100]}))
case('world oneshot font pairs', ['world', 'oneshot', '--model', W + '/world-rotation.lset', '--pair-font', 'DejaVu Sans',
                                  '--pairs', '3', '--json'], requires=['world_model'], keys=ONESHOT_KEYS,
     values={'contexts': {'equals': 6}, 'pairs': {'equals': 3}, 'mean_score': {'range': [0, 100]},
             'min_score': {'range': [0, 100]}})
case('world train digits and letters', ['world', 'train', '--world', 'rotation', '--contexts', '4', '--glyphs',
                                       'mnist+letters', '--fonts', '2'] + SMALL[:1] + ['10'] + SMALL[2:] + ['--json'],
     timeout=60, keys=[k for k in WORLD_TRAIN_KEYS if k != 'model'],
     values=dict(TIMING, world={'equals': 'rotation'}, contexts={'equals': 4}, rounds={'equals': 10},
                 transfer_ratio={'range': [0.1, 100]}))
case('world train folder swapped', ['world', 'train', '--world', D + '/paired', '--swap'] + SMALL + ['--json'], timeout=60,
     keys=[k for k in WORLD_TRAIN_KEYS if k != 'model'],
     values=dict(TIMING, world={'equals': 'folder'}, contexts={'equals': 12}, rounds={'equals': 40}))
case('world train bad usage swap', ['world', 'train', '--world', 'rotation', '--swap'], exit=2,
     stderr='^latentset-cli world train: world settings: only a folder or fonts world can swap')
case('world estimate bad input truncated model', ['world', 'estimate', '--model', W + '/world-truncated.lset'],
     requires=['world_model'], truncate=[[W + '/world-rotation.lset', W + '/world-truncated.lset', 50000]], exit=1,
     stderr="^latentset-cli world estimate: .*world-truncated.lset: chunk 'AESE': truncated")
case('world bad usage action', ['world', 'frob'], exit=2, stderr="^latentset-cli world: unknown action 'frob'")
case('world bad usage no action', ['world'], exit=2, stderr='^latentset-cli world: expected an action: train')
for action in ('train', 'transfer', 'estimate', 'oneshot', 'concept'):
    case('world %s bad usage option' % action, ['world', action, '--bogus'], exit=2,
         stderr="^latentset-cli world %s: Unknown option 'bogus'" % action)
case('world train bad usage number', ['world', 'train', '--steps', 'x'], exit=2,
     stderr="^latentset-cli world train: --steps wants a number in .*, got 'x'")
# The sharded run in one process (docs/scale.md): checkpoints, a file with optimiser state that
# every command opens, an exact resume; mpirun runs are tests/mpi's.
SHARDED_KEYS = sorted(WORLD_TRAIN_KEYS + ['bytes_per_cross_round', 'checkpoints', 'cpu_seconds_per_rank',
                                          'member_weight_bytes', 'ranks', 'resumed_rounds', 'rss_mb_per_rank'])
case('world train sharded checkpoints', ['world', 'train', '--world', 'rotation', '--contexts', '6'] + SMALL[:1] + ['10']
     + SMALL[2:] + ['--checkpoint-every', '4', '--save', W + '/world-sharded.lset', '--json'], setup='sharded_model',
     timeout=60, keys=SHARDED_KEYS,
     values=dict(TIMING, ranks={'equals': 1}, rounds={'equals': 10}, checkpoints={'equals': 2},
                 resumed_rounds={'equals': 0}, bytes_per_cross_round={'equals': 0}, contexts={'equals': 6}),
     files={W + '/world-sharded.lset': {'min_bytes': 100000}})
case('world train sharded resume', ['world', 'train', '--resume', W + '/world-sharded.lset', '--steps', '4',
                                    '--threads', '2', '--eval-items', '5', '--save', W + '/world-resumed.lset', '--json'],
     requires=['sharded_model'], timeout=60, keys=SHARDED_KEYS,
     values=dict(TIMING, rounds={'equals': 14}, resumed_rounds={'equals': 10}, checkpoints={'equals': 0}))
case('world transfer sharded model', ['world', 'transfer', '--model', W + '/world-sharded.lset', '--digit-index', '2',
                                      '--json'], requires=['sharded_model'],
     keys=['contexts', 'mean_error', 'source', 'source_error', 'worst_error'],
     values={'contexts': {'equals': 6}, 'mean_error': {'range': [0, 1]}})
case('world train bad usage checkpoint without save', ['world', 'train', '--checkpoint-every', '5'], exit=2,
     stderr='^latentset-cli world train: --checkpoint-every needs --save')
case('world train bad input resume values only', ['world', 'train', '--resume', W + '/world-rotation.lset'],
     requires=['world_model'], exit=1, stderr='^latentset-cli world train: .*optimiser state')
case('world train bad usage contexts', ['world', 'train', '--world', 'rotation', '--contexts', '1'], exit=2,
     stderr="^latentset-cli world train: --contexts wants a number in .*, got '1'")
case('world estimate bad usage no model', ['world', 'estimate'], exit=2,
     stderr='^latentset-cli world estimate: --model FILE is required')
case('world estimate bad usage items', ['world', 'estimate', '--model', W + '/world-rotation.lset', '--items', '0'],
     requires=['world_model'], exit=2, stderr="^latentset-cli world estimate: --items wants a number in .*, got '0'")
case('world train bad input no data', ['world', 'train', '--world', 'rotation', '--steps', '1'],
     env={'LATENTSET_DATA_DIR': D + '/empty'}, exit=1, stderr='^latentset-cli world train: MNIST is not installed')
case('world train bad input missing folder', ['world', 'train', '--world', W + '/no-such-world'], exit=1,
     stderr='^latentset-cli world train: .*no-such-world: no such folder')
for layout, message in (('missing', '.*paired-missing/left/item02.png: no partner in context .right.'),
                        ('one', ".*paired-one: one context only \\('left'\\)"),
                        ('mixed', '.*paired-mixed/right/item03.png: mixed image sizes, this one is 10x10'),
                        ('unreadable', '.*paired-unreadable/left/item01.png: cannot read the image'),
                        ('csv', ".*paired-csv/contexts.csv: line 4: context 'top' is not a subfolder")):
    case('world train bad input paired %s' % layout, ['world', 'train', '--world', D + '/bad/paired-' + layout,
                                                      '--steps', '1'], exit=1,
         stderr='^latentset-cli world train: ' + message)
case('world estimate bad input missing model', ['world', 'estimate', '--model', W + '/missing.lset'], exit=1,
     stderr='^latentset-cli world estimate: .*missing.lset: no such model file')
case('world oneshot bad input cube model', ['world', 'oneshot', '--model', W + '/cube.lset'], requires=['cube_model'],
     exit=1, stderr="^latentset-cli world oneshot: .*cube.lset: not a world model")

# ---------------------------------------------------------------- attack and ood (docs/robustness.md)
ATTACK_KEYS = ['anomaly_score', 'curves', 'detection_adversarials', 'detection_auroc', 'eps', 'images',
               'mlp_accuracy', 'mlp_clean_accuracy', 'mlp_median_l2', 'mlp_strongest', 'norm', 'norms', 'seconds',
               'set_accuracy', 'set_clean_accuracy', 'set_decision', 'set_median_l2', 'set_strongest', 'stopped',
               'threads']
ATTACK_SMALL = ['--images', '20', '--pgd-steps', '5', '--restarts', '1', '--ddn-steps', '10', '--boundary-images', '5',
                '--boundary-steps', '20', '--threads', '2']
SEVEN_FRACS = {'len': 7, 'all_range': [0, 1]}
case('attack all', ['attack', '--model', W + '/mnist-lk.lset'] + ATTACK_SMALL +
     ['--csv', W + '/attack.csv', '--png', W + '/attack.png', '--json'], requires=['likelihood_model'], timeout=300,
     keys=ATTACK_KEYS + ['csv', 'png'], values={
         'norm': {'equals': 'l2'}, 'eps': {'equals': [0, 0.5, 1, 1.5, 2, 2.5, 3]}, 'images': {'equals': 20},
         'set_accuracy': SEVEN_FRACS, 'mlp_accuracy': SEVEN_FRACS, 'set_accuracy.0': near(0.75, abs=0.2),
         'mlp_accuracy.0': near(0.95, abs=0.1), 'set_clean_accuracy': near(0.75, abs=0.2),
         'set_accuracy.-1': {'range': [0, 0.2]}, 'mlp_accuracy.-1': {'range': [0, 0.2]},
         'norms.linf.eps': {'equals': [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3]}, 'norms.linf.set_accuracy': SEVEN_FRACS,
         'set_decision': {'equals': 'set (squared error)'}, 'anomaly_score': {'equals': 'eq. 4 (-max log p)'},
         'curves': {'len': 16}, 'set_median_l2': {'range': [0, 10]}, 'mlp_median_l2': {'range': [0, 10]},
         'stopped': {'equals': False}, 'threads': {'equals': 2}, 'seconds': POS,
         'csv': {'equals': W + '/attack.csv'}, 'png': {'equals': W + '/attack.png'}},
     files={W + '/attack.csv': {'csv_rows': 140, 'csv_header': 'model,attack,norm,eps,accuracy,images'},
            W + '/attack.png': {'png': [1040, 380]}})
case('attack linf pgd eq4', ['attack', '--model', W + '/mnist-lk.lset', '--norm', 'linf', '--eps', '0,0.2',
                             '--attack', 'pgd', '--decision', 'eq4', '--images', '10', '--pgd-steps', '5',
                             '--restarts', '1', '--threads', '2', '--json'], requires=['likelihood_model'], timeout=300,
     keys=ATTACK_KEYS, values={
         'norm': {'equals': 'linf'}, 'eps': {'equals': [0, 0.2]}, 'set_accuracy': {'len': 2, 'all_range': [0, 1]},
         'set_decision': {'equals': 'set (eq. 4)'}, 'curves': {'len': 2}, 'curves.0.attack': {'equals': 'pgd'},
         'set_median_l2': {'equals': None}, 'set_strongest': {'equals': ['pgd', 'pgd']}})
case('attack bad usage eps both', ['attack', '--model', W + '/x.lset', '--eps', '0.1'], exit=2,
     stderr='^latentset-cli attack: ')
case('attack bad usage attack', ['attack', '--model', W + '/mnist.lset', '--attack', 'cw'], requires=['mnist_model'],
     exit=2, stderr="^latentset-cli attack: --attack: expected 'fgsm'")
case('attack bad usage norm', ['attack', '--model', W + '/mnist.lset', '--norm', 'l1'], requires=['mnist_model'],
     exit=2, stderr='^latentset-cli attack: --norm')
case('attack bad usage eps list', ['attack', '--model', W + '/mnist.lset', '--norm', 'l2', '--eps', '0,x'],
     requires=['mnist_model'], exit=2, stderr='^latentset-cli attack: --eps wants numbers')
case('attack bad input missing model', ['attack', '--model', W + '/missing.lset'], exit=1,
     stderr='^latentset-cli attack: .*missing.lset')
case('attack bad input eq4 without likelihood', ['attack', '--model', W + '/mnist.lset', '--decision', 'eq4',
                                                '--images', '5'], requires=['mnist_model'], exit=1,
     stderr='^latentset-cli attack: .*needs the likelihood chunks')
OOD_KEYS = ['accuracy_eq4', 'accuracy_sse', 'auroc', 'auroc_terms', 'dataset', 'normal_images', 'out', 'out_images',
            'seconds']
OOD_TERMS = ['eq4', 'eq5', 'log_pz', 'reconstruction', 'squared_error', 'volume']
case('ood fashion', ['ood', '--model', W + '/mnist-lk.lset', '--out', D + '/fashion', '--threads', '2', '--json'],
     requires=['likelihood_model'], keys=OOD_KEYS, values={
         'auroc': near(0.98, abs=0.03), 'auroc_terms.eq4': near(0.98, abs=0.03),
         'auroc_terms.squared_error': near(0.978, abs=0.03), 'accuracy_sse': near(0.74, abs=0.06),
         'accuracy_eq4': near(0.77, abs=0.06), 'normal_images': {'equals': 200}, 'dataset': {'equals': 'MNIST'},
         'auroc_terms.volume': FRAC, 'auroc_terms.log_pz': FRAC, 'auroc_terms.reconstruction': FRAC})
case('ood noise', ['ood', '--model', W + '/mnist-lk.lset', '--out', 'noise', '--limit', '50', '--json'],
     requires=['likelihood_model'], keys=OOD_KEYS, values={
         'out': {'equals': 'noise'}, 'out_images': {'equals': 50}, 'normal_images': {'equals': 50}, 'auroc': FRAC})
case('ood letters', ['ood', '--model', W + '/mnist-lk.lset', '--out', 'letters', '--limit', '100', '--json'],
     requires=['likelihood_model'], keys=OOD_KEYS, values={
         'out': {'equals': 'letters'}, 'out_images': {'range': [26, 100]}, 'auroc': FRAC})
case('ood bad usage option', ['ood', '--bogus'], exit=2, stderr="^latentset-cli ood: Unknown option 'bogus'")
case('ood bad usage number', ['ood', '--model', W + '/x.lset', '--limit', 'x'], exit=2,
     stderr='^latentset-cli ood: --limit')
case('ood bad input without likelihood', ['ood', '--model', W + '/mnist.lset'], requires=['mnist_model'], exit=1,
     stderr='^latentset-cli ood: .*no likelihood chunks')
case('ood bad input missing model', ['ood', '--model', W + '/missing.lset'], exit=1,
     stderr='^latentset-cli ood: .*missing.lset')
# ---------------------------------------------------------------- incremental
INCREMENTAL_KEYS = ['earlier_members_unchanged', 'joint_set_accuracy', 'joint_set_accuracy_sd', 'mlp_finetune_accuracy',
                    'mlp_finetune_accuracy_sd', 'mlp_replay_accuracy', 'mlp_replay_accuracy_sd', 'runs', 'seconds',
                    'seeds', 'set_accuracy', 'set_accuracy_sd', 'stopped']
SMALL_INCREMENTAL = ['incremental', '--steps', '20', '--batch', '16', '--hidden', '32', '--latent', '4', '--threads', '2']
case('incremental', SMALL_INCREMENTAL + ['--seeds', '2', '--repair-steps', '10', '--csv', W + '/incremental.csv',
                                         '--png', W + '/incremental.png', '--json'],
     keys=INCREMENTAL_KEYS + ['csv', 'png'], values={
         'earlier_members_unchanged': {'equals': True}, 'seeds': {'equals': 2}, 'stopped': {'equals': False},
         'set_accuracy': near(0.66, abs=0.1), 'joint_set_accuracy': near(0.65, abs=0.1),
         'mlp_finetune_accuracy': {'range': [0.1, 0.7]}, 'mlp_replay_accuracy': {'range': [0.3, 0.9]},
         'set_accuracy_sd': {'range': [0, 0.2]}, 'runs.0.seed': {'equals': 1}, 'runs.1.seed': {'equals': 2},
         'runs.0.set_after_task': {'len': 5, 'all_range': [0, 1]}, 'runs.0.set_after_task.0': {'range': [0, 0.2001]},
         'runs.0.mlp_replay_after_task': {'len': 5}, 'runs.0.repair_others_unchanged': {'equals': True},
         'runs.1.repair_others_unchanged': {'equals': True}, 'runs.0.repair_per_class_after': TEN_FRACS,
         'seconds': POS},
     files={W + '/incremental.csv': {'csv_rows': 10, 'csv_header': 'seed,task,classes,set_accuracy,'
                                                                'mlp_finetune_accuracy,mlp_replay_accuracy,joint_set_accuracy'},
            W + '/incremental.png': {'png': [900, 560]}})
case('incremental set only', SMALL_INCREMENTAL + ['--no-mlp', '--no-joint', '--json'], keys=INCREMENTAL_KEYS,
     values={'mlp_finetune_accuracy': {'equals': None}, 'joint_set_accuracy': {'equals': None},
             'set_accuracy': near(0.62, abs=0.1), 'earlier_members_unchanged': {'equals': True}, 'seeds': {'equals': 1}})
case('incremental help', ['incremental', '--help'], stdout=['^ *--seeds '])
case('incremental bad usage option', ['incremental', '--bogus'], exit=2,
     stderr="^latentset-cli incremental: Unknown option 'bogus'")
case('incremental bad usage number', ['incremental', '--seeds', '0'], exit=2,
     stderr="^latentset-cli incremental: --seeds wants a number in \\[1, 1000\\], got '0'")
case('incremental bad input truncated dataset', ['incremental', '--dataset', D + '/bad/truncated', '--steps', '1'],
     exit=1, stderr='^latentset-cli incremental: .*train-images-idx3-ubyte: truncated')

# ---------------------------------------------------------------- calibration
CALIBRATION_KEYS = ['blend_top2_confused_mlp', 'blend_top2_confused_set', 'blend_top2_mlp', 'blend_top2_set',
                    'confused_pairs', 'likelihood_from_file', 'mlp_accuracy', 'mlp_ece', 'mlp_nll', 'mlp_temperature',
                    'mlp_tempered_ece', 'mlp_tempered_nll', 'seconds', 'set_accuracy', 'set_ece', 'set_nll',
                    'set_temperature', 'test_images']
case('calibration model', ['mnist', '--epochs', '4'] + SMALL_SET + ['--validation', '50', '--save', W + '/calibration.lset',
                                                                    '--json'],
     setup='calibration_model', keys=MNIST_KEYS, values={'ae_set_accuracy': {'range': [0.5, 1]}})
case('calibration', ['calibration', '--model', W + '/calibration.lset', '--validation', '50', '--components', '2',
                     '--blend-pairs', '30', '--blends-per-pair', '10', '--threads', '2', '--csv', W + '/bins.csv',
                     '--blend-csv', W + '/blends.csv', '--png', W + '/calibration.png', '--json'],
     requires=['calibration_model'], keys=CALIBRATION_KEYS + ['csv', 'png'], values={
         'test_images': {'equals': 200}, 'likelihood_from_file': {'equals': False},
         'set_ece': FRAC, 'mlp_ece': FRAC, 'mlp_tempered_ece': FRAC, 'set_nll': {'range': [0, 50]},
         'mlp_nll': {'range': [0, 50]}, 'set_accuracy': {'range': [0.5, 1]}, 'mlp_accuracy': {'range': [0.7, 1]},
         'blend_top2_set': FRAC, 'blend_top2_mlp': FRAC, 'blend_top2_confused_set': FRAC,
         'blend_top2_confused_mlp': FRAC, 'confused_pairs': {'len': 5}, 'mlp_temperature': {'range': [0.01, 100]},
         'csv': {'equals': W + '/blends.csv'}},
     files={W + '/bins.csv': {'csv_rows': 45, 'csv_header': 'model,bin_lo,bin_hi,count,confidence,accuracy'},
            W + '/blends.csv': {'csv_rows': 22, 'csv_header': 'family,weight,set_a,set_b,mlp_a,mlp_b'},
            W + '/calibration.png': {'png': [1520, 520]}})
case('calibration help', ['calibration', '--help'], stdout=['^ *--model '])
case('calibration bad usage no model', ['calibration'], exit=2,
     stderr='^latentset-cli calibration: --model FILE is required')
case('calibration bad usage number', ['calibration', '--model', W + '/x.lset', '--bins', '0'], exit=2,
     stderr="^latentset-cli calibration: --bins wants a number")
case('calibration bad input missing model', ['calibration', '--model', W + '/missing.lset'], exit=1,
     stderr='^latentset-cli calibration: .*missing.lset: no such model file')

# ---------------------------------------------------------------- fewshot
FEWSHOT_KEYS = ['mlp_accuracy', 'mlp_accuracy_sd', 'points', 'seconds', 'seeds', 'set_accuracy', 'set_accuracy_sd',
                'sizes', 'steps', 'stopped']
case('fewshot', ['fewshot', '--sizes', '1,5,all', '--seeds', '2', '--steps', '30', '--hidden', '32', '--latent', '4',
                 '--threads', '2', '--csv', W + '/fewshot.csv', '--png', W + '/fewshot.png', '--json'],
     keys=FEWSHOT_KEYS + ['csv', 'png'], values={
         'sizes': {'equals': [1, 5, 0]}, 'seeds': {'equals': 2}, 'steps': {'equals': 30},
         'set_accuracy': {'len': 3, 'all_range': [0, 1]}, 'mlp_accuracy': {'len': 3, 'all_range': [0, 1]},
         'set_accuracy.0': near(0.615, abs=0.12), 'set_accuracy.-1': {'range': [0.5, 1]},
         'points': {'len': 6}, 'points.0.train_images': {'equals': 10}, 'points.-1.train_images': {'equals': 400}},
     files={W + '/fewshot.csv': {'csv_rows': 6, 'csv_header': 'per_class,seed,train_images,set_accuracy,mlp_accuracy'},
            W + '/fewshot.png': {'png': [900, 560]}}, setup='fewshot_csv')
case('fewshot from csv', ['fewshot', '--from', W + '/fewshot.csv', '--png', W + '/fewshot-from.png', '--json'],
     requires=['fewshot_csv'],
     keys=[k for k in FEWSHOT_KEYS if k != 'steps'] + ['from', 'png'], values={
         'sizes': {'equals': [1, 5, 0]}, 'seeds': {'equals': 2}, 'from': {'equals': [W + '/fewshot.csv']},
         'set_accuracy': {'len': 3, 'all_range': [0, 1]}, 'set_accuracy.0': near(0.615, abs=0.12),
         'points': {'len': 6}, 'points.-1.train_images': {'equals': 400}},
     stdout=['^6 run\\(s\\) of 3 size\\(s\\) read from '], files={W + '/fewshot-from.png': {'png': [900, 560]}})
case('fewshot bad input from header', ['fewshot', '--from', D + '/bad/badnumber.csv'], exit=1,
     stderr="^latentset-cli fewshot: .*badnumber.csv: line 1: expected the header 'per_class,seed,")
case('fewshot bad input from twice', ['fewshot', '--from', W + '/fewshot.csv,' + W + '/fewshot.csv'],
     requires=['fewshot_csv'], exit=1,
     stderr='^latentset-cli fewshot: .*fewshot.csv: line 2: size 1 with seed 1 is already among the runs read')
case('fewshot bad input from truncated', ['fewshot', '--from', D + '/bad/fewshot-truncated.csv'], exit=1,
     stderr='^latentset-cli fewshot: .*fewshot-truncated.csv: line 3: the file ends inside this row')
case('fewshot bad input from missing', ['fewshot', '--from', W + '/no-runs.csv'], exit=1,
     stderr='^latentset-cli fewshot: .*no-runs.csv: no such file')
case('fewshot bad usage from empty', ['fewshot', '--from', ','], exit=2,
     stderr='^latentset-cli fewshot: --from: expected one or more --csv files')
case('fewshot help', ['fewshot', '--help'], stdout=['^ *--sizes '])
case('fewshot bad usage sizes', ['fewshot', '--sizes', '1,x'], exit=2,
     stderr="^latentset-cli fewshot: --sizes: expected numbers >= 1 or 'all', got 'x'")
case('fewshot bad usage option', ['fewshot', '--bogus'], exit=2, stderr="^latentset-cli fewshot: Unknown option 'bogus'")
case('fewshot bad input truncated dataset', ['fewshot', '--dataset', D + '/bad/truncated', '--sizes', '1', '--steps', '1'],
     exit=1, stderr='^latentset-cli fewshot: .*train-images-idx3-ubyte: truncated')

# ---------------------------------------------------------------- --help of every command and action
for words, option in ((['dataset'], '--validation'), (['bench'], '--rounds'), (['mnist'], '--epochs'),
                      (['likelihood'], '--model'), (['cube', 'render'], '--theta'), (['cube', 'train'], '--steps'),
                      (['cube', 'transfer'], '--source'), (['cube', 'bench'], '--hidden'), (['oneshot'], '--pairs'),
                      (['maps'], '--digits'), (['concept', 'train'], '--held-out'), (['concept', 'imagine'], '--steps'),
                      (['world', 'train'], '--world'), (['world', 'transfer'], '--item'), (['world', 'estimate'], '--items'),
                      (['world', 'oneshot'], '--pairs'), (['world', 'concept'], '--units'), (['units'], '--sort'),
                      (['attack'], '--eps'), (['ood'], '--out')):
    case(' '.join(words) + ' help', words + ['--help'], stdout=['^ *' + option + ' '])
case('dataset bad usage no action', ['dataset'], exit=2, stderr="^latentset-cli dataset: expected 'info")

# ---------------------------------------------------------------- latent (docs/latent-map.md)
LATENT_KEYS = ['between_item_distance', 'encode_seconds', 'kind', 'method', 'points', 'ratio', 'seconds', 'spread_by',
               'within_item_spread']
case('latent world pca', ['latent', '--model', W + '/world-rotation.lset', '--points', '60', '--colour', 'item',
                          '--csv', W + '/latent-world.csv', '--png', W + '/latent-world.png', '--png-size', '300',
                          '--json'], requires=['world_model'], keys=sorted(LATENT_KEYS + ['csv', 'png']),
     values={'method': {'equals': 'pca'}, 'points': {'equals': 60}, 'kind': {'equals': 'world'},
             'spread_by': {'equals': 'item'}, 'within_item_spread': near(8.310, rel=0.1),
             'between_item_distance': near(2.442, rel=0.1), 'ratio': near(3.402, rel=0.1), 'seconds': POS,
             'encode_seconds': POS, 'csv': {'equals': W + '/latent-world.csv'}, 'png': {'equals': W + '/latent-world.png'}},
     files={W + '/latent-world.csv': {'csv_rows': 60, 'csv_header': 'point,x,y,item,context,context_name,label,label_name'},
            W + '/latent-world.png': {'png': [450, 300]}})
case('latent cube tsne', ['latent', '--model', W + '/cube.lset', '--method', 'tsne', '--points', '200', '--perplexity',
                          '5', '--iterations', '100', '--json'], requires=['cube_model'], keys=sorted(LATENT_KEYS + ['kl']),
     values={'method': {'equals': 'tsne'}, 'points': {'equals': 200}, 'kind': {'equals': 'world'},
             'ratio': near(247.5, rel=0.2), 'kl': {'range': [0, 100]}, 'seconds': POS})
case('latent class set', ['latent', '--model', W + '/mnist.lset', '--points', '150', '--csv', W + '/latent-set.csv',
                          '--json'], requires=['mnist_model'], keys=sorted(LATENT_KEYS + ['csv']),
     values={'points': {'equals': 150}, 'kind': {'equals': 'class-set'}, 'spread_by': {'equals': 'class'},
             'ratio': near(0.4381, rel=0.1)},
     files={W + '/latent-set.csv': {'csv_rows': 150}})
case('latent class set one member', ['latent', '--model', W + '/mnist.lset', '--points', '150', '--member', '3',
                                     '--json'], requires=['mnist_model'], keys=LATENT_KEYS,
     values={'points': {'equals': 150}, 'ratio': near(0.2644, rel=0.1)})
case('latent bad usage umap', ['latent', '--model', W + '/world-rotation.lset', '--method', 'umap'],
     requires=['world_model'], exit=2, stderr='^latentset-cli latent: --method umap: not available')
case('latent bad usage method', ['latent', '--model', W + '/world-rotation.lset', '--method', 'pcb'],
     requires=['world_model'], exit=2, stderr="^latentset-cli latent: --method: expected 'pca' or 'tsne', got 'pcb'")
case('latent bad usage colour', ['latent', '--model', W + '/world-rotation.lset', '--colour', 'size'],
     requires=['world_model'], exit=2, stderr="^latentset-cli latent: --colour: expected 'class', 'context' or 'item'")
case('latent bad usage points', ['latent', '--model', W + '/world-rotation.lset', '--points', '3'],
     requires=['world_model'], exit=2, stderr="^latentset-cli latent: --points wants a number in .*, got '3'")
case('latent bad usage no model', ['latent'], exit=2, stderr='^latentset-cli latent: --model FILE is required')
case('latent bad usage option', ['latent', '--bogus'], exit=2, stderr="^latentset-cli latent: Unknown option 'bogus'")
case('latent bad input missing model', ['latent', '--model', W + '/missing.lset'], exit=1,
     stderr='^latentset-cli latent: .*missing.lset: no such model file')
case('latent bad input truncated model', ['latent', '--model', W + '/latent-truncated.lset'], requires=['world_model'],
     truncate=[[W + '/world-rotation.lset', W + '/latent-truncated.lset', 50000]], exit=1,
     stderr="^latentset-cli latent: .*latent-truncated.lset: chunk 'AESE': truncated")
case('latent bad input member', ['latent', '--model', W + '/mnist.lset', '--member', '10'], requires=['mnist_model'],
     exit=1, stderr='^latentset-cli latent: latent map: member 10 of a set of 10')

# ---------------------------------------------------------------- the README's commands on the real MNIST
# (skipped when it is not installed: CI runs without the download)
REAL = {'LATENTSET_DATA_DIR': '{real}'}
MNIST_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
case('readme dataset info mnist', ['dataset', 'info', 'mnist', '--json'], real_mnist=True, env=REAL,
     keys=DATASET_KEYS, values={'name': {'equals': 'MNIST'}, 'images': {'equals': 60000},
                                'counts': {'equals': MNIST_COUNTS}, 'width': {'equals': 28},
                                'splits.test.images': {'equals': 10000}, 'load_seconds': POS})
case('readme mnist short', ['mnist', '--epochs', '3', '--limit', '6000', '--hidden', '128', '--threads', '2',
                            '--calibration', '50', '--json'], real_mnist=True, env=REAL, keys=MNIST_KEYS,
     values={'ae_set_accuracy': near(0.794, abs=0.04), 'ae_set_accuracy_calibrated': near(0.825, abs=0.04),
             'mlp_accuracy': near(0.893, abs=0.04), 'set_epoch_losses': {'len': 3, 'falling': True},
             'set_epoch_losses.0': near(501.6, rel=0.03), 'set_epoch_losses.-1': near(290.3, rel=0.05)})

# ---------------------------------------------------------------- the tool itself
case('no command', [], exit=2, stderr=None)
case('unknown command', ['frob'], exit=2, stderr="^latentset-cli: unknown command 'frob'")
case('version', ['--version'], stdout=['^latentset-cli [0-9]+\\.[0-9]+'])

print(json.dumps({'cases': cases}, indent=1))
